namespace Campaigns.Analytics;

// Two-sample power by the normal approximation, two-sided α (Chow, Shao & Wang, Sample Size Calculations in Clinical Research, 3rd ed., §4.2;
// Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions, 3rd ed., eq. 4.14 without continuity correction).
// Answers are null where no finite answer exists (zero effect, rates outside (0, 1), no traffic).
public static class PowerAnalysis
{
    /// <summary>Units per arm to detect p₁ − p₀ = δ: n = (z_{1−α/2}√(2p̄q̄) + z_{power}√(p₀q₀ + p₁q₁))² / δ², rounded up.</summary>
    public static long? SampleSizePerArmForProportions(double baselineRate, double absoluteEffect, double alpha = 0.05, double power = 0.8)
    {
        var p1 = baselineRate + absoluteEffect;
        if (!ValidRates(baselineRate, p1) || absoluteEffect == 0 || !ValidLevels(alpha, power)) return null;
        var pBar = (baselineRate + p1) / 2;
        var root = Z(1 - alpha / 2) * Math.Sqrt(2 * pBar * (1 - pBar)) + Z(power) * Math.Sqrt(baselineRate * (1 - baselineRate) + p1 * (1 - p1));
        return (long)Math.Ceiling(root * root / (absoluteEffect * absoluteEffect) - 1e-9);
    }

    /// <summary>Units per arm to detect a mean difference δ with per-unit standard deviation σ: n = 2σ²(z_{1−α/2} + z_{power})²/δ², rounded up.</summary>
    public static long? SampleSizePerArmForMeans(double standardDeviation, double absoluteEffect, double alpha = 0.05, double power = 0.8)
    {
        if (!(standardDeviation > 0) || absoluteEffect == 0 || !double.IsFinite(absoluteEffect) || !ValidLevels(alpha, power)) return null;
        var z = Z(1 - alpha / 2) + Z(power);
        return (long)Math.Ceiling(2 * standardDeviation * standardDeviation * z * z / (absoluteEffect * absoluteEffect) - 1e-9);
    }

    /// <summary>Power with n units per arm: Φ((|δ|√n − z_{1−α/2}√(2p̄q̄)) / √(p₀q₀ + p₁q₁)).</summary>
    public static double? PowerForProportions(double baselineRate, double absoluteEffect, long unitsPerArm, double alpha = 0.05)
    {
        var p1 = baselineRate + absoluteEffect;
        if (!ValidRates(baselineRate, p1) || unitsPerArm <= 0 || alpha is <= 0 or >= 1) return null;
        var pBar = (baselineRate + p1) / 2;
        var z = (Math.Abs(absoluteEffect) * Math.Sqrt(unitsPerArm) - Z(1 - alpha / 2) * Math.Sqrt(2 * pBar * (1 - pBar)))
                / Math.Sqrt(baselineRate * (1 - baselineRate) + p1 * (1 - p1));
        return Normal.Cdf(z);
    }

    /// <summary>Power with n units per arm: Φ(|δ|/(σ√(2/n)) − z_{1−α/2}).</summary>
    public static double? PowerForMeans(double standardDeviation, double absoluteEffect, long unitsPerArm, double alpha = 0.05)
    {
        if (!(standardDeviation > 0) || unitsPerArm <= 0 || alpha is <= 0 or >= 1) return null;
        return Normal.Cdf(Math.Abs(absoluteEffect) / (standardDeviation * Math.Sqrt(2.0 / unitsPerArm)) - Z(1 - alpha / 2));
    }

    /// <summary>Smallest detectable mean difference with n units per arm: (z_{1−α/2} + z_{power}) σ √(2/n).</summary>
    public static double? MinimumDetectableEffectForMeans(double standardDeviation, long unitsPerArm, double alpha = 0.05, double power = 0.8) =>
        standardDeviation > 0 && unitsPerArm > 0 && ValidLevels(alpha, power) ? (Z(1 - alpha / 2) + Z(power)) * standardDeviation * Math.Sqrt(2.0 / unitsPerArm) : null;

    /// <summary>Smallest detectable increase of a rate with n units per arm (solves the power equation); null if even p₁ → 1 is not detectable.</summary>
    public static double? MinimumDetectableEffectForProportions(double baselineRate, long unitsPerArm, double alpha = 0.05, double power = 0.8)
    {
        if (baselineRate is <= 0 or >= 1 || unitsPerArm <= 0 || !ValidLevels(alpha, power)) return null;
        double F(double d) => PowerForProportions(baselineRate, d, unitsPerArm, alpha)!.Value - power;
        return RootFinder.Solve(F, 1e-12, (1 - baselineRate) * (1 - 1e-12), 1e-14);
    }

    /// <summary>Days still needed at the traffic seen so far: max(0, required − so far) ÷ (so far ÷ days elapsed); null with no traffic yet.</summary>
    public static double? DaysToReachSampleSize(long requiredTotalUnits, long unitsSoFar, double daysElapsed)
    {
        if (unitsSoFar >= requiredTotalUnits) return 0;
        if (unitsSoFar <= 0 || !(daysElapsed > 0)) return null;
        return (requiredTotalUnits - unitsSoFar) / (unitsSoFar / daysElapsed);
    }

    private static double Z(double p) => Normal.Quantile(p);
    private static bool ValidRates(double p0, double p1) => p0 is > 0 and < 1 && p1 is > 0 and < 1;
    private static bool ValidLevels(double alpha, double power) => alpha is > 0 and < 1 && power is > 0 and < 1;
}
