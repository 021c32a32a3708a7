namespace Campaigns.Analytics;

// Chi-square distribution as a gamma: P(χ²_k ≤ x) = P(k/2, x/2) (Abramowitz & Stegun 26.4.19).
public static class ChiSquare
{
    public static double Cdf(double x, double degreesOfFreedom) => Gamma.LowerRegularized(degreesOfFreedom / 2, x / 2);

    /// <summary>Upper tail P(χ²_k ≥ x), the goodness-of-fit p-value.</summary>
    public static double Survival(double x, double degreesOfFreedom) => Gamma.UpperRegularized(degreesOfFreedom / 2, x / 2);
}
