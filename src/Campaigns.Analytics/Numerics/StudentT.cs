namespace Campaigns.Analytics;

// Student t distribution through the incomplete beta: P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2) (Abramowitz & Stegun 26.7.1, 26.5.27).
public static class StudentT
{
    /// <summary>CDF of t with (possibly fractional) ν degrees of freedom; ν = ∞ gives the normal.</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t)) throw new ArgumentException("t is NaN.", nameof(t));
        var tail = 0.5 * TwoSidedPValue(t, degreesOfFreedom);
        return t < 0 ? tail : 1 - tail;
    }

    /// <summary>P(|T| ≥ |t|), computed directly so small p-values keep relative precision.</summary>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom));
        if (double.IsInfinity(t)) return 0;
        if (double.IsPositiveInfinity(degreesOfFreedom) || degreesOfFreedom > 1e10) return Normal.Erfc(Math.Abs(t) / Math.Sqrt(2));
        var t2 = t * t;
        // x = ν/(ν+t²) and 1 − x = t²/(ν+t²) are both formed without subtraction.
        return IncompleteBeta.Regularized(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + t2), t2 / (degreesOfFreedom + t2));
    }

    /// <summary>Quantile: Newton steps on the CDF from the normal quantile, safeguarded by bisection.</summary>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        if (p is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), "p must be strictly between 0 and 1.");
        if (p == 0.5) return 0;
        if (p < 0.5) return -Quantile(1 - p, degreesOfFreedom);
        if (double.IsPositiveInfinity(degreesOfFreedom) || degreesOfFreedom > 1e10) return Normal.Quantile(p);
        var upper = 1 - p; // target upper tail, exact for the p values used in practice
        double lo = 0, hi = 1;
        while (0.5 * TwoSidedPValue(hi, degreesOfFreedom) > upper) { lo = hi; hi *= 2; if (hi > 1e300) return hi; }
        var x = Math.Clamp(Normal.Quantile(p), lo, hi);
        for (var i = 0; i < 200; i++)
        {
            var f = 0.5 * TwoSidedPValue(x, degreesOfFreedom) - upper; // decreasing in x
            if (f > 0) lo = x; else hi = x;
            var next = x + f / Density(x, degreesOfFreedom);
            if (!(next > lo && next < hi)) next = (lo + hi) / 2;
            if (Math.Abs(next - x) <= 1e-15 * Math.Abs(x) || hi - lo <= 1e-15 * hi) return next;
            x = next;
        }
        return x;
    }

    /// <summary>Density of t with ν degrees of freedom.</summary>
    public static double Density(double t, double degreesOfFreedom) =>
        Math.Exp(-(degreesOfFreedom + 1) / 2 * IncompleteBeta.LogOnePlus(t * t / degreesOfFreedom)
                 - 0.5 * Math.Log(degreesOfFreedom) - IncompleteBeta.LogBeta(degreesOfFreedom / 2, 0.5));
}
