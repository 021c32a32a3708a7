namespace Campaigns.Analytics;

// First-order delta method for ratio metrics and relative lift (Deng, Knoblich & Lu, "Applying the Delta Method in Metric Analytics", KDD 2018; GrowthBook's statistics docs).
public static class DeltaMethod
{
    /// <summary>
    /// Ratio X̄/Ȳ of a ratio metric with per-unit variance σ²_X/μ_Y² − 2μ_X σ_XY/μ_Y³ + μ_X² σ²_Y/μ_Y⁴, so Var(ratio) ≈ Variance/N.
    /// Null when the denominator mean is zero.
    /// </summary>
    public static ArmEstimate? Ratio(long n, double sumX, double sumY, double sumX2, double sumY2, double sumXY)
    {
        if (n <= 0 || sumY == 0) return null;
        double mx = sumX / n, my = sumY / n;
        var vx = SampleMoments.Mean(n, sumX, sumX2).Variance;
        var vy = SampleMoments.Mean(n, sumY, sumY2).Variance;
        var cxy = SampleMoments.Covariance(n, sumX, sumY, sumXY);
        var variance = vx / (my * my) - 2 * mx * cxy / (my * my * my) + mx * mx * vy / (my * my * my * my);
        return new ArmEstimate(n, mx / my, Math.Max(0, variance));
    }

    /// <summary>
    /// Relative lift m₁/m₀ − 1 and its standard error √(σ₁²/(n₁m₀²) + m₁²σ₀²/(n₀m₀⁴)) for independent arms; null when m₀ = 0.
    /// </summary>
    public static (double Lift, double StandardError)? RelativeLift(ArmEstimate control, ArmEstimate treatment)
    {
        if (control.Mean == 0 || control.N <= 0 || treatment.N <= 0) return null;
        double m0 = control.Mean, m1 = treatment.Mean;
        var variance = treatment.Variance / (treatment.N * m0 * m0) + m1 * m1 * control.Variance / (control.N * m0 * m0 * m0 * m0);
        var lift = m1 / m0 - 1;
        return double.IsFinite(lift) && double.IsFinite(variance) ? (lift, Math.Sqrt(variance)) : null;
    }
}
