namespace Campaigns.Analytics;

/// <summary>
/// One arm against control on one metric. Undefined quantities are null rather than NaN: with too little data
/// (fewer than two units in an arm, a zero ratio denominator) <see cref="Lift"/> is null, p-values are 1 and
/// <see cref="Outcome"/> is <see cref="Outcome.NotEnoughData"/>.
/// </summary>
public sealed record MetricComparison
{
    public required string Metric { get; init; }
    public required MetricKind Kind { get; init; }
    public MetricUnit Unit { get; init; }
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
