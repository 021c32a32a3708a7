namespace Campaigns.Analytics.Tests;

public class WelchTTestTests
{
    [Fact]
    public void P_value_degrees_of_freedom_and_intervals_match_the_reference()
    {
        foreach (var c in Fixtures.Cases("welch"))
        {
            ArmEstimate Arm(string n) { var a = c.GetProperty(n); return SampleMoments.Mean(a.L("n"), a.D("sum"), a.D("sumSquares")); }
            var (lift, p, df) = WelchTTest.Compare(Arm("control"), Arm("treatment"), c.D("confidence"));
            Fixtures.Close(c.D("df"), df, 1e-9);
            Fixtures.Close(c.D("pValue"), p, 1e-8);
            Fixtures.Close(c.D("diff"), lift.Absolute, 1e-9);
            Fixtures.Close(c.D("low"), lift.AbsoluteInterval.Low, 1e-8);
            Fixtures.Close(c.D("high"), lift.AbsoluteInterval.High, 1e-8);
            Fixtures.Close(c.D("relative"), lift.Relative!.Value, 1e-9);
            Fixtures.Close(c.D("relLow"), lift.RelativeInterval!.Low, 1e-8);
            Fixtures.Close(c.D("relHigh"), lift.RelativeInterval!.High, 1e-8);
        }
    }

    [Fact]
    public void Zero_variance_in_both_arms_gives_p_one_when_equal_and_zero_when_different()
    {
        var same = WelchTTest.Compare(new ArmEstimate(10, 5, 0), new ArmEstimate(10, 5, 0));
        Assert.Equal(1, same.PValue);
        var different = WelchTTest.Compare(new ArmEstimate(10, 5, 0), new ArmEstimate(10, 6, 0));
        Assert.Equal(0, different.PValue);
        Assert.Equal(new Interval(1, 1), different.Lift.AbsoluteInterval);
    }
}

public class TwoProportionReferenceTests
{
    [Fact]
    public void Lift_intervals_and_pooled_p_value_match_the_reference()
    {
        foreach (var c in Fixtures.Cases("twoProportion"))
        {
            var (lift, p) = TwoProportionTest.Test(SampleMoments.Proportion(c.L("n0"), c.D("c0")), SampleMoments.Proportion(c.L("n1"), c.D("c1")));
            Fixtures.Close(c.D("pValue"), p);
            Fixtures.Close(c.D("low"), lift.AbsoluteInterval.Low);
            Fixtures.Close(c.D("high"), lift.AbsoluteInterval.High);
            Fixtures.Close(c.D("relLow"), lift.RelativeInterval!.Low);
            Fixtures.Close(c.D("relHigh"), lift.RelativeInterval!.High);
        }
    }
}

public class DeltaMethodTests
{
    [Fact]
    public void Ratio_mean_and_variance_match_the_per_unit_two_pass_reference()
    {
        var f = Fixtures.Root.GetProperty("ratio");
        foreach (var (arm, ratio, variance) in new[] { ("control", "controlRatio", "controlVariance"), ("treatment", "treatmentRatio", "treatmentVariance") })
        {
            var s = f.GetProperty(arm);
            var e = DeltaMethod.Ratio(s.L("n"), s.D("sumX"), s.D("sumY"), s.D("sumX2"), s.D("sumY2"), s.D("sumXY"))!;
            Fixtures.Close(f.D(ratio), e.Mean, 1e-12);
            Fixtures.Close(f.D(variance), e.Variance, 1e-9);
        }
    }

    [Fact]
    public void Relative_lift_interval_matches_reference() // the delta-method relative interval of the two-proportion fixture
    {
        var c = Fixtures.Cases("twoProportion").First();
        var r = DeltaMethod.RelativeLift(SampleMoments.Proportion(c.L("n0"), c.D("c0")), SampleMoments.Proportion(c.L("n1"), c.D("c1")))!.Value;
        Fixtures.Close(c.D("relative"), r.Lift);
        Fixtures.Close(c.D("relHigh") - c.D("relative"), 1.959963984540054 * r.StandardError);
    }

    [Fact]
    public void A_zero_denominator_or_control_mean_has_no_answer()
    {
        Assert.Null(DeltaMethod.Ratio(10, 5, 0, 5, 0, 0));
        Assert.Null(DeltaMethod.RelativeLift(new ArmEstimate(10, 0, 0), new ArmEstimate(10, 1, 1)));
    }
}

public class CupedTests
{
    [Fact]
    public void Theta_adjusted_moments_and_variance_reduction_match_the_per_unit_regression()
    {
        var f = Fixtures.Root.GetProperty("cuped");
        MetricSummary Arm(string n)
        {
            var a = f.GetProperty(n);
            return MetricSummary.Mean(a.L("n"), a.D("sum"), a.D("sumSquares")).WithCovariate(a.D("sumPre"), a.D("sumPre2"), a.D("sumValuePre"));
        }
        var (c, t) = (Arm("control"), Arm("treatment"));
        var theta = Cuped.Theta(c, t);
        Fixtures.Close(f.D("theta"), theta, 1e-9);
        var mu = Cuped.PooledCovariateMean(c, t);
        var ac = Cuped.Adjust(c, theta, mu);
        var at = Cuped.Adjust(t, theta, mu);
        Fixtures.Close(f.D("controlAdjustedMean"), ac.Mean, 1e-9);
        Fixtures.Close(f.D("treatmentAdjustedMean"), at.Mean, 1e-9);
        Fixtures.Close(f.D("controlAdjustedVariance"), ac.Variance, 1e-7);
        Fixtures.Close(f.D("treatmentAdjustedVariance"), at.Variance, 1e-7);
        var reduction = Cuped.VarianceReductionPercent(SampleMoments.Mean(c.N, c.Sum, c.SumSquares), SampleMoments.Mean(t.N, t.Sum, t.SumSquares), ac, at);
        Fixtures.Close(f.D("varianceReductionPercent"), reduction, 1e-7);
        Assert.InRange(reduction, 50, 90); // ρ ≈ 0.8 between periods removes about ρ² of the variance
    }

    [Fact]
    public void A_constant_covariate_leaves_the_metric_unchanged()
    {
        var s = MetricSummary.Mean(4, 10, 30).WithCovariate(8, 16, 20);
        Assert.Equal(0, Cuped.Theta(s, s));
    }
}
