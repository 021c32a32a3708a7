namespace Campaigns.Analytics;

/// <summary>Beta(α, β) posterior of a conversion rate: prior Beta(α₀, β₀) updated with conversions and non-conversions.</summary>
public sealed record BetaPosterior(double Alpha, double Beta)
{
    public static BetaPosterior From(BetaPrior prior, double conversions, double units) => new(prior.Alpha + conversions, prior.Beta + Math.Max(0, units - conversions));

    public double Mean => Alpha / (Alpha + Beta);
    public double Variance => Alpha * Beta / ((Alpha + Beta) * (Alpha + Beta) * (Alpha + Beta + 1));
    public double StandardDeviation => Math.Sqrt(Variance);

    public double Density(double x) => x <= 0 || x >= 1 ? 0
        : Math.Exp((Alpha - 1) * Math.Log(x) + (Beta - 1) * IncompleteBeta.LogOnePlus(-x) - IncompleteBeta.LogBeta(Alpha, Beta));

    public double Cdf(double x) => x <= 0 ? 0 : x >= 1 ? 1 : IncompleteBeta.Regularized(Alpha, Beta, x, 1 - x);
    public double Survival(double x) => x <= 0 ? 1 : x >= 1 ? 0 : IncompleteBeta.Complement(Alpha, Beta, x, 1 - x);

    /// <summary>Size-biased posterior Beta(α+1, β): E[p·1{p ≤ x}] = Mean · (this shifted).Cdf(x).</summary>
    internal BetaPosterior SizeBiased => new(Alpha + 1, Beta);

    /// <summary>Where essentially all the mass lies: mean ± 40 sd within [0, 1] (Beta tails decay at least exponentially).</summary>
    internal (double Low, double High) Bulk => (Math.Max(0, Mean - 40 * StandardDeviation), Math.Min(1, Mean + 40 * StandardDeviation));
}

/// <summary>Beta prior for conversion rates; Beta(1, 1) is uniform.</summary>
public sealed record BetaPrior(double Alpha = 1, double Beta = 1)
{
    public static BetaPrior Uniform { get; } = new();
}
