using Campaigns.Analytics.Uplift;

namespace Campaigns.Ml.Uplift;

public enum UpliftLearner { Auto, S, T, X, DR, Neural }

public sealed record UpliftTrainingOptions
{
    public UpliftLearner Learner { get; init; } = UpliftLearner.Auto;
    public bool BinaryOutcome { get; init; } = true;
    /// <summary>Share of rows held out to compare candidates, stratified by arm x outcome.</summary>
    public double ValidationShare { get; init; } = 0.3;
    public int Seed { get; init; } = 42;
    /// <summary>Cap for ML.NET / TorchSharp threads (UI must stay responsive); null = all cores.</summary>
    public int? Threads { get; init; }
}

/// <summary>A candidate's validation scores; with several treatment arms, the mean over arms.</summary>
public sealed record CandidateScore(string Learner, double QiniCoefficient, double Auuc, double UpliftAt30, TimeSpan TrainingTime);

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
