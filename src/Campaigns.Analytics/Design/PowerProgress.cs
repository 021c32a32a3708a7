namespace Campaigns.Analytics;

/// <summary>How far a running experiment is from the sample that detects the wanted effect on conversion (80% power), and how long the rest takes.</summary>
public sealed record PowerProgress(double BaselineRate, double MinimumDetectableRelativeEffect, long RequiredPerArm, long SmallestArm, double? DaysToPower, double DaysElapsed)
{
    public double Share => RequiredPerArm == 0 ? 1 : Math.Min(1, (double)SmallestArm / RequiredPerArm);

    /// <summary>Null without a control conversion rate strictly between 0 and 1 to plan from.</summary>
    public static PowerProgress? Estimate(IReadOnlyList<ArmFigures> arms, double minimumDetectableRelativeEffect, double confidenceLevel, double daysElapsed)
    {
        var control = arms.FirstOrDefault(a => a.IsControl);
        if (control is null || control.Exposed == 0) return null;
        var baseline = control.ConversionRate;
        if (baseline is <= 0 or >= 1) return null;
        var required = PowerAnalysis.SampleSizePerArmForProportions(baseline, baseline * minimumDetectableRelativeEffect, 1 - confidenceLevel);
        if (required is not { } perArm) return null;
        var smallest = arms.Min(a => a.Exposed);
        var days = Math.Max(0.01, daysElapsed);
        // Traffic so far, spread as planned: the arm with the smallest share sets the pace.
        var requiredTotal = (long)Math.Ceiling(perArm / Math.Max(0.0001, arms.Min(a => a.PlannedShare)));
        var daysToPower = smallest >= perArm ? 0 : PowerAnalysis.DaysToReachSampleSize(requiredTotal, arms.Sum(a => a.Exposed), days);
        return new PowerProgress(baseline, minimumDetectableRelativeEffect, perArm, smallest, daysToPower, days);
    }
}
