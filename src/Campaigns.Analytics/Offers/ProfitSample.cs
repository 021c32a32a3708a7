namespace Campaigns.Analytics.Offers;

/// <summary>
/// Profit per customer in one cell of a policy test, accumulated one customer at a time (Welford), so a results page
/// streams a cell's customers instead of holding them. Its mean and the difference of two cells' means come with 95%
/// normal intervals (Welch's standard error: the cells' variances differ).
/// </summary>
public sealed class ProfitSample
{
    private double _mean, _m2;

    public int Count { get; private set; }

    public void Add(double profit)
    {
        Count++;
        var delta = profit - _mean;
        _mean += delta / Count;
        _m2 += delta * (profit - _mean);
    }

    /// <summary>The mean profit per customer; null without two customers to estimate its spread from.</summary>
    public ValueEstimate? Mean => Count < 2 ? null : Interval(_mean, Math.Sqrt(SquaredError));

    /// <summary><paramref name="a"/>'s mean minus <paramref name="b"/>'s; null when either has under two customers.</summary>
    public static ValueEstimate? Difference(ProfitSample a, ProfitSample b) =>
        a.Count < 2 || b.Count < 2 ? null : Interval(a._mean - b._mean, Math.Sqrt(a.SquaredError + b.SquaredError));

    /// <summary>All customers of several cells as one sample (e.g. the random-offer cells pooled into one random policy).</summary>
    public static ProfitSample Pool(IEnumerable<ProfitSample> samples)
    {
        var pooled = new ProfitSample();
        foreach (var s in samples.Where(s => s.Count > 0))
        {
            // Chan et al.'s parallel combination of means and sums of squares.
            var n = pooled.Count + s.Count;
            var delta = s._mean - pooled._mean;
            pooled._m2 += s._m2 + delta * delta * pooled.Count * s.Count / n;
            pooled._mean += delta * s.Count / n;
            pooled.Count = n;
        }
        return pooled;
    }

    private double SquaredError => _m2 / (Count - 1) / Count;

    private static ValueEstimate Interval(double value, double se)
    {
        var z = Normal.Quantile(0.975);
        return new ValueEstimate(value, se, value - z * se, value + z * se);
    }
}
