namespace Campaigns.Analytics;

// Normal approximation to the posterior of a lift under a flat prior, D ~ N(d, se²), as in GrowthBook's Bayesian engine
// (Stucchio 2015 for the closed-form loss E[max(D, 0)] = d Φ(d/se) + se φ(d/se)).
public static class GaussianComparison
{
    /// <summary>P(D &gt; 0); 1/2 when there is no uncertainty and no difference.</summary>
    public static double ProbabilityPositive(double estimate, double standardError) =>
        standardError > 0 ? 0.5 * Normal.Erfc(-estimate / standardError / Math.Sqrt(2)) : estimate > 0 ? 1 : estimate < 0 ? 0 : 0.5;

    /// <summary>E[max(D, 0)].</summary>
    public static double ExpectedPositivePart(double estimate, double standardError)
    {
        if (!(standardError > 0)) return Math.Max(0, estimate);
        var z = estimate / standardError;
        return Math.Max(0, estimate * 0.5 * Normal.Erfc(-z / Math.Sqrt(2)) + standardError * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI));
    }
}
