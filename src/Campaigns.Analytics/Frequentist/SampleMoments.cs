namespace Campaigns.Analytics;

// Unbiased sample mean and variance from sums: s² = (Σx² − (Σx)²/n)/(n − 1) (any statistics text; clamped at 0 against rounding).
public static class SampleMoments
{
    /// <summary>Mean and sample variance (n − 1 denominator) of a mean metric; variance 0 below two units.</summary>
    public static ArmEstimate Mean(long n, double sum, double sumSquares)
    {
        if (n <= 0) return new ArmEstimate(0, 0, 0);
        var mean = sum / n;
        return new ArmEstimate(n, mean, n < 2 ? 0 : Math.Max(0, (sumSquares - sum * mean) / (n - 1)));
    }

    /// <summary>Rate and Bernoulli variance p(1 − p), as in the two-proportion z-test.</summary>
    public static ArmEstimate Proportion(long n, double conversions)
    {
        if (n <= 0) return new ArmEstimate(0, 0, 0);
        var p = Math.Clamp(conversions / n, 0, 1);
        return new ArmEstimate(n, p, p * (1 - p));
    }

    /// <summary>Sample covariance of two per-unit values from Σx, Σy, Σxy.</summary>
    public static double Covariance(long n, double sumX, double sumY, double sumXY) => n < 2 ? 0 : (sumXY - sumX * sumY / n) / (n - 1);
}
