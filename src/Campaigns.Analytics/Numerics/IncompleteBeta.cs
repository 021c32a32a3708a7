namespace Campaigns.Analytics;

// Regularized incomplete beta I_x(a, b) by the Lentz continued fraction (Numerical Recipes 3rd ed. §6.4),
// with ln B(a, b) computed as in R's lbeta so large arguments do not cancel.
public static class IncompleteBeta
{
    /// <summary>ln B(a, b) for a, b &gt; 0.</summary>
    public static double LogBeta(double a, double b)
    {
        var p = Math.Min(a, b);
        var q = Math.Max(a, b);
        if (p >= 10)
        {
            var corr = Gamma.StirlingCorrection(p) + Gamma.StirlingCorrection(q) - Gamma.StirlingCorrection(p + q);
            return -0.5 * Math.Log(q) + Gamma.LogSqrt2Pi + corr + (p - 0.5) * Math.Log(p / (p + q)) + q * LogOnePlus(-p / (p + q));
        }
        if (q >= 10)
        {
            var corr = Gamma.StirlingCorrection(q) - Gamma.StirlingCorrection(p + q);
            return Gamma.LogGamma(p) + corr + p - p * Math.Log(p + q) + (q - 0.5) * LogOnePlus(-p / (p + q));
        }
        return Gamma.LogGamma(p) + Gamma.LogGamma(q) - Gamma.LogGamma(p + q);
    }

    /// <summary>I_x(a, b), the CDF of Beta(a, b) at x.</summary>
    public static double Regularized(double a, double b, double x) => Regularized(a, b, x, 1 - x);

    /// <summary>I_x(a, b) given x and y = 1 − x separately, so callers near 1 keep the precision of y.</summary>
    public static double Regularized(double a, double b, double x, double y)
    {
        if (x <= 0) return 0;
        if (y <= 0) return 1;
        return x < (a + 1) / (a + b + 2) ? Fraction(a, b, x, y) : 1 - Fraction(b, a, y, x);
    }

    /// <summary>1 − I_x(a, b), computed directly so upper tails keep their precision.</summary>
    public static double Complement(double a, double b, double x, double y)
    {
        if (x <= 0) return 1;
        if (y <= 0) return 0;
        return x < (a + 1) / (a + b + 2) ? 1 - Fraction(a, b, x, y) : Fraction(b, a, y, x);
    }

    // ln(1 + x) without losing x's digits: Goldberg's correction log(u)·x/(u − 1) with u = 1 + x rounded.
    internal static double LogOnePlus(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static double Fraction(double a, double b, double x, double y)
    {
        const double tiny = 1e-300;
        var logFront = a * Math.Log(x) + b * Math.Log(y) - LogBeta(a, b) - Math.Log(a);
        double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m < 1_000_000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Clamp(Math.Exp(logFront) * h, 0, 1);
    }
}
