namespace Campaigns.Ml.Offers;

/// <summary>
/// The chosen model refitted on all rows, each candidate's cross-validated score, and the chosen candidate's out-of-fold
/// evaluation. EvaluationRows: the capped stratified sample the folds were drawn from.
/// </summary>
public sealed record OfferTrainingResult(OfferModel Model, IReadOnlyList<OfferCandidateScore> Candidates, string Chosen, OfferEvaluation Evaluation,
    int TrainingRows, int EvaluationRows);
