using Campaigns.Analytics;

namespace Campaigns.Application.Experiments;

/// <summary>How a manager wants the results read.</summary>
public sealed record ResultsOptions
{
    public AnalysisEngine Engine { get; init; } = AnalysisEngine.Sequential;
    public CorrectionMethod Correction { get; init; } = CorrectionMethod.Holm;
    public bool UseCuped { get; init; } = true;
    /// <summary>Cap per-customer revenue at this percentile of converters' revenue (null = no capping).</summary>
    public double? WinsorizePercentile { get; init; } = 0.99;
    public double ConfidenceLevel { get; init; } = 0.95;
    /// <summary>Relative effect the power estimate is for (10% = detect a 10% relative change in conversion).</summary>
    public double MinimumDetectableRelativeEffect { get; init; } = 0.10;
}
