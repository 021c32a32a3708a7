namespace Campaigns.Ml.Uplift;

/// <summary>
/// A candidate's cross-validation scores: means over the folds (and, with several treatment arms, over arms), the Qini
/// coefficient's standard error across the folds, and the training time summed over the folds. Folds is 0 in versions
/// stored before cross-validation (one 70/30 split, no standard error).
/// </summary>
public sealed record CandidateScore(string Learner, double QiniCoefficient, double Auuc, double UpliftAt30, TimeSpan TrainingTime,
    double QiniStandardError = 0, int Folds = 0);
