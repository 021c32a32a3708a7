namespace Campaigns.Analytics.Customers;

/// <summary>
/// The BG/NBD model of repeat buying (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way", eqs. 6, 10, 11):
/// while alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with probability
/// p ~ Beta(a, b). Fitted by maximum likelihood over log-parameters with Nelder–Mead. x: repeat purchase days, tx: days
/// from the first to the last purchase, T: days from the first purchase to the cut-off.
/// </summary>
public sealed record BgNbd(double R, double Alpha, double A, double B)
{
    /// <summary>ln L of one customer (FHL 2005 eq. 6).</summary>
    public double LogLikelihood(double x, double tx, double t)
    {
        var common = Gamma.LogGamma(R + x) - Gamma.LogGamma(R) + R * Math.Log(Alpha)
                     + Gamma.LogGamma(A + B) + Gamma.LogGamma(B + x) - Gamma.LogGamma(B) - Gamma.LogGamma(A + B + x);
        var stays = -(R + x) * Math.Log(Alpha + t);
        if (x <= 0) return common + stays;
        var dropped = Math.Log(A) - Math.Log(B + x - 1) - (R + x) * Math.Log(Alpha + tx);
        var max = Math.Max(stays, dropped);
        return common + max + Math.Log(Math.Exp(stays - max) + Math.Exp(dropped - max));
    }

    /// <summary>Sum of <see cref="LogLikelihood"/> over customers.</summary>
    public double LogLikelihood(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++) sum += LogLikelihood(x[i], tx[i], t[i]);
        return sum;
    }

    /// <summary>P(alive at the cut-off | x, tx, T) (FHL 2005 eq. 11 via the note "Computing P(alive)").</summary>
    public double ProbabilityAlive(double x, double tx, double t) =>
        x <= 0 ? 1 : 1 / (1 + A / (B + x - 1) * Math.Exp((R + x) * (Math.Log(Alpha + t) - Math.Log(Alpha + tx))));

    /// <summary>E[purchases in the next <paramref name="days"/> | x, tx, T] (FHL 2005 eq. 10).</summary>
    public double ExpectedPurchases(double days, double x, double tx, double t)
    {
        if (days <= 0) return 0;
        var z = days / (Alpha + t + days);
        var head = (A + B + x - 1) / (A - 1);
        var tail = 1 - Math.Exp((R + x) * Math.Log((Alpha + t) / (Alpha + t + days))) * Hypergeometric(R + x, B + x, A + B + x - 1, z);
        var alive = x > 0 ? 1 + A / (B + x - 1) * Math.Exp((R + x) * (Math.Log(Alpha + t) - Math.Log(Alpha + tx))) : 1;
        return Math.Max(0, head * tail / alive);
    }

    /// <summary>Gauss hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 by its power series.</summary>
    internal static double Hypergeometric(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (var n = 0; n < 100_000; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) < 1e-12 * Math.Abs(sum)) break;
        }
        return sum;
    }

    /// <summary>
    /// Maximum-likelihood fit. Customers are grouped by identical (x, tx, T), so the cost grows with distinct histories,
    /// not customers; a = 1 is excluded because eq. 10 divides by a − 1.
    /// </summary>
    public static BgNbd Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t)
    {
        var groups = new Dictionary<(double, double, double), int>();
        for (var i = 0; i < x.Length; i++) groups[(x[i], tx[i], t[i])] = groups.GetValueOrDefault((x[i], tx[i], t[i])) + 1;
        var rows = groups.ToArray();
        var meanT = 0.0;
        foreach (var row in rows) meanT += row.Key.Item3 * row.Value;
        meanT /= Math.Max(1, x.Length);
        double Negative(double[] p)
        {
            var model = new BgNbd(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]));
            var sum = 0.0;
            foreach (var (key, n) in rows) sum += n * model.LogLikelihood(key.Item1, key.Item2, key.Item3);
            return -sum;
        }
        var best = NelderMead.Minimize(Negative, [0, Math.Log(Math.Max(1, meanT / 4)), 0, 0.5], step: 0.5);
        // A restart from the optimum guards against Nelder–Mead stalling on a ridge.
        best = NelderMead.Minimize(Negative, best, step: 0.1);
        return new BgNbd(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), Math.Exp(best[3]));
    }
}
