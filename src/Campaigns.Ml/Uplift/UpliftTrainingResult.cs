using Campaigns.Analytics.Uplift;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// The chosen model (refitted on all rows), every candidate's cross-validation scores, and the chosen candidate's
/// evaluation on its out-of-fold predictions (any treatment vs control, ranked by the best arm's effect, when there are
/// several treatment arms). TrainingRows: rows the model was refitted on; ValidationRows: the rows compared, each scored
/// by the fold model that did not see it (a stratified sample when there are more than the cap allows, see
/// <see cref="UpliftTrainer.ComparisonRowCap"/>); CandidateTrainingRows: rows each fold's model trained on (the largest).
/// </summary>
public sealed record UpliftTrainingResult(UpliftModel Model, IReadOnlyList<CandidateScore> Candidates, string Chosen,
    UpliftEvaluation Validation, int TrainingRows, int ValidationRows)
{
    public int CandidateTrainingRows { get; init; }
}
