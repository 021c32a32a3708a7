namespace Campaigns.Ml.Uplift;

/// <summary>A candidate's validation scores; with several treatment arms, the mean over arms.</summary>
public sealed record CandidateScore(string Learner, double QiniCoefficient, double Auuc, double UpliftAt30, TimeSpan TrainingTime);
