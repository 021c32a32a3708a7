namespace Campaigns.Analytics;

// Welch's unequal-variance t-test with Welch–Satterthwaite degrees of freedom (Welch, Biometrika 1947; Satterthwaite 1946).
public static class WelchTTest
{
    /// <summary>ν = (v₀/n₀ + v₁/n₁)² / ((v₀/n₀)²/(n₀−1) + (v₁/n₁)²/(n₁−1)); n₀ + n₁ − 2 when both variances are zero.</summary>
    public static double DegreesOfFreedom(ArmEstimate control, ArmEstimate treatment)
    {
        double a = control.Variance / control.N, b = treatment.Variance / treatment.N;
        var denominator = (control.N > 1 ? a * a / (control.N - 1) : 0) + (treatment.N > 1 ? b * b / (treatment.N - 1) : 0);
        var df = denominator > 0 ? (a + b) * (a + b) / denominator : control.N + treatment.N - 2;
        return double.IsFinite(df) ? Math.Max(1, df) : control.N + treatment.N - 2;
    }

    /// <summary>Difference of means with a t interval (and a delta-method relative interval on the same ν) and the two-sided p-value.</summary>
    public static (LiftEstimate Lift, double PValue, double DegreesOfFreedom) Compare(ArmEstimate control, ArmEstimate treatment, double confidence = 0.95)
    {
        var df = DegreesOfFreedom(control, treatment);
        var diff = treatment.Mean - control.Mean;
        var se = Math.Sqrt(control.Variance / control.N + treatment.Variance / treatment.N);
        var p = se > 0 ? StudentT.TwoSidedPValue(diff / se, df) : diff == 0 ? 1 : 0;
        var q = StudentT.Quantile(1 - (1 - confidence) / 2, df);
        return (FixedHorizon.Lift(control, treatment, q), p, df);
    }
}

// Fixed-horizon intervals: estimate ± q·se for the absolute and the delta-method relative lift.
internal static class FixedHorizon
{
    public static LiftEstimate Lift(ArmEstimate control, ArmEstimate treatment, double quantile)
    {
        var diff = treatment.Mean - control.Mean;
        var se = Math.Sqrt(control.Variance / control.N + treatment.Variance / treatment.N);
        var relative = DeltaMethod.RelativeLift(control, treatment);
        return new LiftEstimate(diff, new Interval(diff - quantile * se, diff + quantile * se), relative?.Lift,
            relative is { } r ? new Interval(r.Lift - quantile * r.StandardError, r.Lift + quantile * r.StandardError) : null);
    }

    /// <summary>Two-sided normal p-value; with no uncertainty, 1 for no difference and 0 otherwise.</summary>
    public static double NormalPValue(double estimate, double standardError) =>
        standardError > 0 ? Normal.Erfc(Math.Abs(estimate) / standardError / Math.Sqrt(2)) : estimate == 0 ? 1 : 0;
}
