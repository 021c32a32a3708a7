using System.Text.Json.Serialization;

namespace Campaigns.Analytics;

[JsonConverter(typeof(JsonStringEnumConverter<MetricKind>))]
public enum MetricKind
{
    /// <summary>Share of units that converted: a mean of 0/1 values (Sum = conversions).</summary>
    Proportion,
    /// <summary>Per-unit mean of a numeric value, e.g. revenue per exposed customer.</summary>
    Mean,
    /// <summary>Ratio of two per-unit sums, e.g. revenue ÷ orders (average order value); analysed by the delta method.</summary>
    Ratio,
}

/// <summary>
/// Sufficient statistics of one metric in one arm, aggregated by the database (SUM, SUM of squares, COUNT),
/// never per-event objects. For a ratio metric Sum/SumSquares describe the numerator X and
/// <see cref="Denominator"/> the denominator Y; for CUPED <see cref="Covariate"/> holds the pre-period sums.
/// </summary>
/// <param name="N">Exposed units (customers) in the arm, including those with a zero value.</param>
/// <param name="Sum">Σx over units (conversions for a proportion, numerator for a ratio).</param>
/// <param name="SumSquares">Σx² over units (equals Sum for 0/1 values).</param>
public sealed record MetricSummary(long N, double Sum, double SumSquares, DenominatorSums? Denominator = null, CovariateSums? Covariate = null)
{
    public static MetricSummary Proportion(long units, long conversions) => new(units, conversions, conversions);

    public static MetricSummary Mean(long units, double sum, double sumSquares) => new(units, sum, sumSquares);

    public static MetricSummary Ratio(long units, double sumX, double sumY, double sumX2, double sumY2, double sumXY) =>
        new(units, sumX, sumX2, new DenominatorSums(sumY, sumY2, sumXY));

    /// <summary>Adds the pre-experiment covariate sums used by CUPED.</summary>
    public MetricSummary WithCovariate(double sumPre, double sumPre2, double sumValuePre) => this with { Covariate = new CovariateSums(sumPre, sumPre2, sumValuePre) };
}

/// <summary>Denominator sums of a ratio metric: ΣY, ΣY², ΣXY over units.</summary>
public sealed record DenominatorSums(double SumY, double SumY2, double SumXY);

/// <summary>CUPED covariate sums: ΣX_pre, ΣX_pre², ΣY·X_pre over units (units without history contribute zeros).</summary>
public sealed record CovariateSums(double SumPre, double SumPre2, double SumValuePre);

/// <summary>An arm's estimate: the metric's mean and the per-unit variance, so the standard error is √(Variance/N).</summary>
public sealed record ArmEstimate(long N, double Mean, double Variance)
{
    public double StandardError => N > 0 ? Math.Sqrt(Variance / N) : 0;
}
