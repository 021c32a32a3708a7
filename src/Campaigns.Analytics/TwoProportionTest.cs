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
        var control = SampleMoments.Proportion(controlExposed, controlConversions);
        var treatment = SampleMoments.Proportion(treatmentExposed, treatmentConversions);
        var (lift, pValue) = Test(control, treatment, confidence);
        return new ProportionComparison(control.Mean, treatment.Mean, lift.Absolute, lift.AbsoluteInterval.Low, lift.AbsoluteInterval.High, lift.Relative, pValue);
    }

    /// <summary>Wald intervals (delta method for the relative lift) and the pooled-variance z-test p-value.</summary>
    public static (LiftEstimate Lift, double PValue) Test(ArmEstimate control, ArmEstimate treatment, double confidence = 0.95)
    {
        var pooled = (control.Mean * control.N + treatment.Mean * treatment.N) / (control.N + treatment.N);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1.0 / control.N + 1.0 / treatment.N));
        // erfc keeps small p-values that 1 − Φ(z) would round to zero.
        var pValue = FixedHorizon.NormalPValue(treatment.Mean - control.Mean, pooledSe);
        return (FixedHorizon.Lift(control, treatment, Normal.Quantile(1 - (1 - confidence) / 2)), pValue);
    }
}

public sealed record ProportionComparison(double ControlRate, double TreatmentRate, double AbsoluteLift, double LiftLow, double LiftHigh, double? RelativeLift, double PValue)
{
    public bool IsSignificant(double alpha = 0.05) => PValue < alpha;
}
