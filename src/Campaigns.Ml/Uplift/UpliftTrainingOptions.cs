namespace Campaigns.Ml.Uplift;

public sealed record UpliftTrainingOptions
{
    public UpliftLearner Learner { get; init; } = UpliftLearner.Auto;
    public bool BinaryOutcome { get; init; } = true;
    /// <summary>Folds of the cross-validation that compares candidates (stratified by arm x outcome), 2..10.</summary>
    public int Folds { get; init; } = 3;
    public int Seed { get; init; } = 42;
    /// <summary>Cap for ML.NET / TorchSharp threads (UI must stay responsive); null = all cores.</summary>
    public int? Threads { get; init; }
}
