namespace Campaigns.Ml.Uplift;

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
