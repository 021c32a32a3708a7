namespace Campaigns.Analytics;

/// <summary>Wilson score interval for a binomial proportion (Wilson, 1927; Agresti &amp; Coull, 1998).</summary>
public static class Wilson
{
    public static (double Low, double High) Interval(long successes, long trials, double confidence = 0.95)
    {
        if (trials <= 0) return (0, 1);
        var z = Normal.Quantile(1 - (1 - confidence) / 2);
        var p = (double)successes / trials;
        var z2 = z * z;
        var centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        var half = z * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / (1 + z2 / trials);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
