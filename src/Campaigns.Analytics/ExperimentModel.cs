using System.Text.Json.Serialization;

namespace Campaigns.Analytics;

[JsonConverter(typeof(JsonStringEnumConverter<AnalysisEngine>))]
public enum AnalysisEngine
{
    /// <summary>Fixed-horizon tests: read once, at the planned sample size.</summary>
    Frequentist,
    /// <summary>Posterior chance to beat control and expected loss.</summary>
    Bayesian,
    /// <summary>Always-valid confidence sequences: safe to read after every batch.</summary>
    Sequential,
}

[JsonConverter(typeof(JsonStringEnumConverter<ComparisonStatus>))]
public enum ComparisonStatus { Ok, NotEnoughData, InvalidInput }

[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome { Inconclusive, Improvement, Regression, NotEnoughData }

/// <summary>A metric as analysed: its kind and which direction is good.</summary>
public sealed record MetricDefinition(string Name, MetricKind Kind, bool HigherIsBetter = true);

/// <summary>One arm: planned share of traffic, exposed units (for the sample-ratio check) and one summary per metric name.</summary>
public sealed record ArmInput(string Name, bool IsControl, double PlannedAllocation, long Exposed, IReadOnlyDictionary<string, MetricSummary> Metrics);

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

/// <summary>Posterior summaries of one comparison; risks are in metric units (absolute lift).</summary>
/// <param name="ChanceToWin">Posterior probability that the treatment is better (in the metric's good direction).</param>
/// <param name="RiskOfChoosingTreatment">Expected loss if the treatment is shipped: E[max(better(control) − better(treatment), 0)].</param>
/// <param name="RiskOfKeepingControl">Expected loss if control is kept.</param>
/// <param name="Method">"beta-binomial" (exact quadrature) or "normal-approximation".</param>
public sealed record BayesianResult(double ChanceToWin, double RiskOfChoosingTreatment, double RiskOfKeepingControl, string Method);

/// <summary>
/// One arm against control on one metric. Undefined quantities are null rather than NaN: with too little data
/// (fewer than two units in an arm, a zero ratio denominator) <see cref="Lift"/> is null, p-values are 1 and
/// <see cref="Outcome"/> is <see cref="Outcome.NotEnoughData"/>.
/// </summary>
public sealed record MetricComparison
{
    public required string Metric { get; init; }
    public required MetricKind Kind { get; init; }
    public required bool HigherIsBetter { get; init; }
    public required string Arm { get; init; }
    public required string Control { get; init; }
    public required AnalysisEngine Engine { get; init; }
    public required double ConfidenceLevel { get; init; }
    public required ComparisonStatus Status { get; init; }
    /// <summary>Unadjusted per-arm estimates (null if the input was invalid).</summary>
    public ArmEstimate? ControlEstimate { get; init; }
    public ArmEstimate? TreatmentEstimate { get; init; }
    /// <summary>Lift with the engine's interval: confidence interval, credible interval or confidence sequence.</summary>
    public LiftEstimate? Lift { get; init; }
    /// <summary>Two-sided p-value (always-valid for the sequential engine); null for the Bayesian engine.</summary>
    public double? PValue { get; init; }
    /// <summary>p-value after the multiple-comparison correction across arms × metrics.</summary>
    public double? AdjustedPValue { get; init; }
    public double? DegreesOfFreedom { get; init; }
    public BayesianResult? Bayesian { get; init; }
    public CupedResult? Cuped { get; init; }
    public bool IsSignificant { get; init; }
    public Outcome Outcome { get; init; }
    public string? Note { get; init; }
    /// <summary>Plain-language summary for the UI.</summary>
    public string Verdict { get; init; } = "";
}

public sealed record ExperimentReport(SampleRatioMismatchResult SampleRatio, IReadOnlyList<MetricComparison> Comparisons, AnalysisOptions Options)
{
    public IEnumerable<MetricComparison> For(string metric) => Comparisons.Where(c => c.Metric == metric);
    public MetricComparison? Find(string metric, string arm) => Comparisons.FirstOrDefault(c => c.Metric == metric && c.Arm == arm);
}
