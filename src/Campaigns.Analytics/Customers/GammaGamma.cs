namespace Campaigns.Analytics.Customers;

/// <summary>
/// The Gamma-Gamma model of spend per order (Fader, Hardie &amp; Lee 2005, "RFM and CLV", Appendix; Colombo &amp; Jiang 1999):
/// a customer's order values are Gamma(p, ν) with ν ~ Gamma(q, γ). Fitted by maximum likelihood on each customer's
/// number of orders n and mean order value m (log-parameters, Nelder–Mead); q &gt; 1 so the expectation exists.
/// </summary>
public sealed record GammaGamma(double P, double Q, double Scale)
{
    /// <summary>ln of the density of the mean m of n orders (up to terms free of the parameters).</summary>
    public double LogLikelihood(double n, double m) =>
        Gamma.LogGamma(P * n + Q) - Gamma.LogGamma(P * n) - Gamma.LogGamma(Q) + Q * Math.Log(Scale)
        + (P * n - 1) * Math.Log(m) + P * n * Math.Log(n) - (P * n + Q) * Math.Log(Scale + m * n);

    /// <summary>E[order value | n orders with mean m]: the population mean pγ/(q−1) shrunk toward the customer's own mean.</summary>
    public double ExpectedOrderValue(double n, double m) => P * (Scale + n * m) / (P * n + Q - 1);

    /// <summary>Fits on the customers whose mean order value is positive.</summary>
    public static GammaGamma Fit(ReadOnlySpan<double> orders, ReadOnlySpan<double> meanValue)
    {
        var groups = new Dictionary<(double, double), int>();
        var mean = 0.0;
        for (var i = 0; i < orders.Length; i++)
        {
            if (!(meanValue[i] > 0) || orders[i] < 1) continue;
            groups[(orders[i], meanValue[i])] = groups.GetValueOrDefault((orders[i], meanValue[i])) + 1;
            mean += meanValue[i];
        }
        if (groups.Count == 0) throw new ArgumentException("Gamma-Gamma needs customers with a positive order value.");
        mean /= groups.Values.Sum();
        var rows = groups.ToArray();
        double Negative(double[] v)
        {
            var model = new GammaGamma(Math.Exp(v[0]), 1 + Math.Exp(v[1]), Math.Exp(v[2]));
            var sum = 0.0;
            foreach (var (key, n) in rows) sum += n * model.LogLikelihood(key.Item1, key.Item2);
            return -sum;
        }
        var best = NelderMead.Minimize(Negative, [Math.Log(2), Math.Log(2), Math.Log(mean)], step: 0.5);
        best = NelderMead.Minimize(Negative, best, step: 0.1);
        return new GammaGamma(Math.Exp(best[0]), 1 + Math.Exp(best[1]), Math.Exp(best[2]));
    }
}
