using Campaigns.Analytics.Uplift;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// The chosen model (refitted on all rows), every candidate's validation scores, and the chosen candidate's validation
/// evaluation (any treatment vs control, ranked by the best arm's effect, when there are several treatment arms).
/// TrainingRows: rows the model was refitted on; CandidateTrainingRows/ValidationRows: the comparison split, drawn
/// from a sample of at most <see cref="UpliftTrainer.ComparisonRowCap"/> rows.
/// </summary>
public sealed record UpliftTrainingResult(UpliftModel Model, IReadOnlyList<CandidateScore> Candidates, string Chosen,
    UpliftEvaluation Validation, int TrainingRows, int ValidationRows)
{
    public int CandidateTrainingRows { get; init; }
}
