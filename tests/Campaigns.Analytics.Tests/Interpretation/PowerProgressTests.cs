namespace Campaigns.Analytics.Tests.Interpretation;

public class PowerProgressTests
{
    private static ArmFigures Arm(string name, bool control, double share, long exposed, long converters) => new(name, control, share, exposed, converters, converters, 0, null, null);

    [Fact]
    public void Progress_is_the_smallest_arm_against_the_sample_size_for_the_wanted_relative_change()
    {
        var p = PowerProgress.Estimate([Arm("Control", true, 0.5, 1_000, 50), Arm("B", false, 0.5, 1_200, 70)], 0.10, 0.95, daysElapsed: 10)!;

        Assert.Equal(PowerAnalysis.SampleSizePerArmForProportions(0.05, 0.005, 0.05), p.RequiredPerArm);
        Assert.Equal(1_000, p.SmallestArm);
        Assert.Equal(1_000.0 / p.RequiredPerArm, p.Share, 12);
        // 2,200 customers in 10 days; the total needed is twice the per-arm size (equal shares).
        Assert.Equal(PowerAnalysis.DaysToReachSampleSize(2 * p.RequiredPerArm, 2_200, 10), p.DaysToPower);
    }

    [Fact]
    public void There_is_nothing_to_plan_from_without_control_conversions()
    {
        Assert.Null(PowerProgress.Estimate([Arm("Control", true, 0.5, 1_000, 0), Arm("B", false, 0.5, 1_000, 10)], 0.10, 0.95, 3));
        Assert.Null(PowerProgress.Estimate([Arm("Control", true, 0.5, 0, 0), Arm("B", false, 0.5, 0, 0)], 0.10, 0.95, 3));
    }

    [Fact]
    public void A_sample_already_reached_needs_no_more_days()
    {
        var p = PowerProgress.Estimate([Arm("Control", true, 0.5, 1_000_000, 50_000), Arm("B", false, 0.5, 1_000_000, 52_000)], 0.10, 0.95, 30)!;
        Assert.Equal(0, p.DaysToPower);
        Assert.Equal(1, p.Share);
    }
}
