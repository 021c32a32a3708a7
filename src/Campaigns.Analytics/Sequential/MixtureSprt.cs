namespace Campaigns.Analytics;

// Always-valid inference by the Gaussian mixture boundary (normal-mixture mSPRT): Howard, Ramdas, McAuliffe & Sekhon,
// "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist. 2021, eq. (14); Johari, Pekelis &
// Walsh, "Always valid inference", 2017 (the p-value); parameterised as in GrowthBook's sequential testing.
public static class MixtureSprt
{
    /// <summary>
    /// Mixture parameter ρ that makes the boundary tightest when the total sample reaches <paramref name="expectedSampleSize"/>:
    /// ρ = √((−2 ln α + ln(−2 ln α + 1)) / N*).
    /// </summary>
    public static double Rho(double alpha, double expectedSampleSize)
    {
        var l = -2 * Math.Log(alpha);
        return Math.Sqrt((l + Math.Log(l + 1)) / Math.Max(1, expectedSampleSize));
    }

    /// <summary>
    /// Half-width of the confidence sequence after n units for an estimate with standard error se:
    /// se·√n · √(2(nρ² + 1)/(n²ρ²) · ln(√(nρ² + 1)/α)). Valid simultaneously over all n at level 1 − α.
    /// </summary>
    public static double HalfWidth(double standardError, long n, double rho, double alpha)
    {
        if (n <= 0) return double.MaxValue;
        var nr2 = n * rho * rho;
        return standardError * Math.Sqrt(n) * Math.Sqrt(2 * (nr2 + 1) / (n * nr2) * Math.Log(Math.Sqrt(nr2 + 1) / alpha));
    }

    /// <summary>
    /// Always-valid p-value: the smallest α whose sequence excludes zero, min(1, √(1 + nρ²) · exp(−z² nρ² / (2(1 + nρ²)))), z = estimate/se.
    /// Keeping the running minimum over looks is also valid.
    /// </summary>
    public static double AlwaysValidPValue(double estimate, double standardError, long n, double rho)
    {
        if (n <= 0) return 1;
        if (!(standardError > 0)) return estimate == 0 ? 1 : 0;
        var nr2 = n * rho * rho;
        var z = estimate / standardError;
        return Math.Min(1, Math.Exp(0.5 * IncompleteBeta.LogOnePlus(nr2) - z * z * nr2 / (2 * (1 + nr2))));
    }
}
