namespace Campaigns.Analytics;

/// <summary>Difference of two conversion rates with a Wald interval and a pooled two-sided z-test.</summary>
/// <remarks>Reference: Agresti, Categorical Data Analysis (3rd ed.), §1.4 and §2.2.</remarks>
public static class TwoProportionTest
{
    public static ProportionComparison Compare(long controlConversions, long controlExposed, long treatmentConversions, long treatmentExposed, double confidence = 0.95)
    {
        if (controlExposed <= 0 || treatmentExposed <= 0) throw new ArgumentException("Both arms need at least one exposed customer.");
        if (controlConversions < 0 || controlConversions > controlExposed || treatmentConversions < 0 || treatmentConversions > treatmentExposed)
            throw new ArgumentException("Conversions must be between zero and the number exposed.");
        var p0 = (double)controlConversions / controlExposed;
        var p1 = (double)treatmentConversions / treatmentExposed;
        var diff = p1 - p0;
        var se = Math.Sqrt(p0 * (1 - p0) / controlExposed + p1 * (1 - p1) / treatmentExposed);
        var z = Normal.Quantile(1 - (1 - confidence) / 2);
        var pooled = (double)(controlConversions + treatmentConversions) / (controlExposed + treatmentExposed);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1.0 / controlExposed + 1.0 / treatmentExposed));
        var pValue = pooledSe == 0 ? 1 : 2 * (1 - Normal.Cdf(Math.Abs(diff) / pooledSe));
        return new ProportionComparison(p0, p1, diff, diff - z * se, diff + z * se, p0 == 0 ? null : diff / p0, pValue);
    }
}

public sealed record ProportionComparison(double ControlRate, double TreatmentRate, double AbsoluteLift, double LiftLow, double LiftHigh, double? RelativeLift, double PValue)
{
    public bool IsSignificant(double alpha = 0.05) => PValue < alpha;
}
