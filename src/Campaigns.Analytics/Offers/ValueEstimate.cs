namespace Campaigns.Analytics.Offers;

/// <summary>A mean of per-row scores with its standard error and 95% normal interval.</summary>
public sealed record ValueEstimate(double Value, double StandardError, double Low, double High)
{
    public static ValueEstimate Of(ReadOnlySpan<double> scores)
    {
        double sum = 0, sumSq = 0;
        foreach (var s in scores) sum += s;
        var mean = sum / scores.Length;
        foreach (var s in scores) sumSq += (s - mean) * (s - mean);
        var se = scores.Length < 2 ? 0 : Math.Sqrt(sumSq / (scores.Length - 1) / scores.Length);
        var z = Normal.Quantile(0.975);
        return new ValueEstimate(mean, se, mean - z * se, mean + z * se);
    }
}
