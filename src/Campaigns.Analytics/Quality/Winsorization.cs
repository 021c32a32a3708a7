namespace Campaigns.Analytics;

// Winsorization (Dixon, "Simplified estimation from censored normal samples", 1960): values beyond a percentile are replaced by it,
// which caps revenue outliers before the sums are formed (GrowthBook calls this metric capping).
public static class Winsorization
{
    /// <summary>The value clamped to [lower, upper]; in SQL the same cap is <c>SUM(MIN(value, @cap))</c>.</summary>
    public static double Cap(double value, double upper, double lower = double.NegativeInfinity) => value > upper ? upper : value < lower ? lower : value;

    /// <summary>Mean-metric sums of values capped at <paramref name="upper"/>, streamed without keeping them.</summary>
    public static MetricSummary Summarize(IEnumerable<double> values, double upper, double lower = double.NegativeInfinity)
    {
        var accumulator = new MetricAccumulator();
        foreach (var v in values) accumulator.Add(Cap(v, upper, lower));
        return accumulator.ToSummary();
    }

    /// <summary>Two passes over a re-enumerable stream: a sketch finds the percentile, then the capped sums are formed.</summary>
    public static (double Cap, MetricSummary Summary) SummarizeAtPercentile(IEnumerable<double> values, double percentile, double relativeAccuracy = 0.01)
    {
        var sketch = new QuantileSketch(relativeAccuracy);
        foreach (var v in values) sketch.Add(v);
        var cap = sketch.Count == 0 ? 0 : sketch.Quantile(percentile);
        return (cap, Summarize(values, cap));
    }
}

/// <summary>Streaming accumulator of the sufficient statistics of a mean metric (with an optional CUPED covariate); mergeable across partitions.</summary>
public sealed class MetricAccumulator
{
    private long _n;
    private double _sum, _sumSquares, _sumPre, _sumPre2, _sumValuePre;
    private bool _hasCovariate;

    public void Add(double value)
    {
        _n++;
        _sum += value;
        _sumSquares += value * value;
    }

    public void Add(double value, double preValue)
    {
        Add(value);
        _hasCovariate = true;
        _sumPre += preValue;
        _sumPre2 += preValue * preValue;
        _sumValuePre += value * preValue;
    }

    public void Merge(MetricAccumulator other)
    {
        _n += other._n;
        _sum += other._sum;
        _sumSquares += other._sumSquares;
        _sumPre += other._sumPre;
        _sumPre2 += other._sumPre2;
        _sumValuePre += other._sumValuePre;
        _hasCovariate |= other._hasCovariate;
    }

    public MetricSummary ToSummary() => new(_n, _sum, _sumSquares, Covariate: _hasCovariate ? new CovariateSums(_sumPre, _sumPre2, _sumValuePre) : null);
}
