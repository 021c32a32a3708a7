namespace Campaigns.Analytics;

public sealed record AnalysisOptions
{
    public AnalysisEngine Engine { get; init; } = AnalysisEngine.Frequentist;
    /// <summary>1 − α for intervals and significance (Bayesian: the chance-to-win threshold).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
    public CorrectionMethod Correction { get; init; } = CorrectionMethod.None;
    /// <summary>Apply CUPED to proportion and mean metrics whose summaries carry covariate sums (ratio metrics are analysed unadjusted).</summary>
    public bool UseCuped { get; init; }
    /// <summary>Prior of conversion rates in the Bayesian engine.</summary>
    public BetaPrior Prior { get; init; } = BetaPrior.Uniform;
    /// <summary>Sequential tuning N*: the total units (both arms) at which the confidence sequence is tightest (GrowthBook's default is 5,000).</summary>
    public double SequentialExpectedSampleSize { get; init; } = 5000;
    public double SrmThreshold { get; init; } = SampleRatioMismatch.DefaultThreshold;
}
