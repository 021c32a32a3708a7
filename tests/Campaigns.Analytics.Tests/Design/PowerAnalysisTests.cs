namespace Campaigns.Analytics.Tests;

public class PowerAnalysisTests
{
    [Fact]
    public void Sample_sizes_match_the_reference_formulas()
    {
        foreach (var c in Fixtures.Cases("power"))
        {
            var n = c.GetProperty("kind").GetString() == "proportion"
                ? PowerAnalysis.SampleSizePerArmForProportions(c.D("baseline"), c.D("effect"))
                : PowerAnalysis.SampleSizePerArmForMeans(c.D("sd"), c.D("effect"));
            Assert.Equal(c.L("n"), n);
        }
    }

    [Fact]
    public void A_ten_percent_baseline_needs_3841_per_arm_to_detect_two_points() =>
        // Fleiss' formula without continuity correction, α = 0.05 two-sided, 80% power (a common calculator value).
        Assert.Equal(3841, PowerAnalysis.SampleSizePerArmForProportions(0.10, 0.02));

    [Fact]
    public void Mde_and_power_invert_the_sample_size()
    {
        foreach (var c in Fixtures.Cases("power").Where(c => c.GetProperty("kind").GetString() == "mean"))
            Fixtures.Close(c.D("mdeAt1000"), PowerAnalysis.MinimumDetectableEffectForMeans(c.D("sd"), 1000)!.Value, 1e-10);
        var mde = PowerAnalysis.MinimumDetectableEffectForProportions(0.10, 3841)!.Value;
        Assert.InRange(mde, 0.0199, 0.0201);
        Fixtures.Close(0.8, PowerAnalysis.PowerForProportions(0.10, mde, 3841)!.Value, 1e-9);
        Fixtures.Close(0.8, PowerAnalysis.PowerForMeans(10, 1, (long)1569.775946869817)!.Value, 1e-3);
    }

    [Fact]
    public void Days_to_reach_power_follow_the_traffic_so_far()
    {
        Assert.Equal(10, PowerAnalysis.DaysToReachSampleSize(2 * 3841, 2 * 3841 / 2, 10)!.Value, 9);
        Assert.Equal(0, PowerAnalysis.DaysToReachSampleSize(100, 150, 3));
        Assert.Null(PowerAnalysis.DaysToReachSampleSize(100, 0, 3));
    }

    [Fact]
    public void Impossible_designs_have_no_answer()
    {
        Assert.Null(PowerAnalysis.SampleSizePerArmForProportions(0.1, 0));
        Assert.Null(PowerAnalysis.SampleSizePerArmForProportions(0.95, 0.1));
        Assert.Null(PowerAnalysis.SampleSizePerArmForMeans(0, 1));
    }
}
