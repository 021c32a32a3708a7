namespace Campaigns.Analytics;

// Log-gamma by Stirling's series (shifted above 10) and the regularized incomplete gamma by its series and
// Legendre continued fraction (Numerical Recipes 3rd ed. §6.1–6.2; Stirling terms as in R's lgammacor).
public static class Gamma
{
    internal const double LogSqrt2Pi = 0.918938533204672741780329736406;

    /// <summary>ln Γ(x) for x &gt; 0, to about 1e-15 relative away from the zeros at 1 and 2.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), "x must be positive.");
        if (x >= 10) return (x - 0.5) * Math.Log(x) - x + LogSqrt2Pi + StirlingCorrection(x);
        // Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)) moves the argument into Stirling's accurate range.
        var product = 1.0;
        while (x < 10) { product *= x; x += 1; }
        return (x - 0.5) * Math.Log(x) - x + LogSqrt2Pi + StirlingCorrection(x) - Math.Log(product);
    }

    /// <summary>ln Γ(x) − Stirling's leading terms, for x ≥ 10 (Bernoulli-number series, error below 1e-17).</summary>
    internal static double StirlingCorrection(double x)
    {
        var r = 1 / x;
        var r2 = r * r;
        return r * (1 / 12.0 + r2 * (-1 / 360.0 + r2 * (1 / 1260.0 + r2 * (-1 / 1680.0 + r2 * (1 / 1188.0
            + r2 * (-691 / 360360.0 + r2 * (1 / 156.0 + r2 * (-3617 / 122400.0))))))));
    }

    /// <summary>Regularized lower incomplete gamma P(a, x).</summary>
    public static double LowerRegularized(double a, double x) => x <= 0 ? 0 : x < a + 1 ? Series(a, x) : 1 - ContinuedFraction(a, x);

    /// <summary>Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly so small tails keep precision.</summary>
    public static double UpperRegularized(double a, double x) => x <= 0 ? 1 : x < a + 1 ? 1 - Series(a, x) : ContinuedFraction(a, x);

    private static double Prefactor(double a, double x) => Math.Exp(-x + a * Math.Log(x) - LogGamma(a));

    private static double Series(double a, double x)
    {
        double ap = a, term = 1 / a, sum = term;
        for (var n = 0; n < 100_000; n++)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * 1e-17) break;
        }
        return Math.Min(1, sum * Prefactor(a, x));
    }

    private static double ContinuedFraction(double a, double x)
    {
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (var i = 1; i < 100_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Min(1, Prefactor(a, x) * h);
    }
}
