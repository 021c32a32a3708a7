namespace Campaigns.Analytics.Tests;

// Expected values computed independently with Python's statistics.NormalDist.
public class TwoProportionTestTests
{
    [Fact]
    public void Lift_interval_and_p_value_match_the_textbook_formulas()
    {
        var r = TwoProportionTest.Compare(120, 1000, 150, 1000);
        Assert.Equal(0.12, r.ControlRate, 12);
        Assert.Equal(0.15, r.TreatmentRate, 12);
        Assert.Equal(0.03, r.AbsoluteLift, 12);
        Assert.Equal(7.602882129779248e-05, r.LiftLow, 6);
        Assert.Equal(0.059923971178702205, r.LiftHigh, 6);
        Assert.Equal(0.25, r.RelativeLift!.Value, 12);
        Assert.Equal(0.04964038686536876, r.PValue, 6);
        Assert.True(r.IsSignificant());
    }

    [Fact]
    public void Identical_arms_show_no_lift_and_a_p_value_of_one()
    {
        var r = TwoProportionTest.Compare(50, 500, 50, 500);
        Assert.Equal(0, r.AbsoluteLift);
        Assert.Equal(1, r.PValue, 6);
        Assert.False(r.IsSignificant());
    }

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TwoProportionTest.Compare(5, 0, 1, 10));
        Assert.Throws<ArgumentException>(() => TwoProportionTest.Compare(11, 10, 1, 10));
    }
}

public class NormalTests
{
    [Fact]
    public void Cdf_and_quantile_match_reference_values()
    {
        Assert.Equal(0.8914916766373298, Normal.Cdf(1.2345), 12);
        Assert.Equal(-3.090232306167813, Normal.Quantile(0.001), 10);
        Assert.Equal(0.5244005127080407, Normal.Quantile(0.7), 10);
        Assert.Equal(0.5, Normal.Cdf(0), 7);
    }
}

public class WilsonTests
{
    [Fact]
    public void Interval_matches_the_score_formula()
    {
        var (low, high) = Wilson.Interval(30, 500);
        Assert.Equal(0.04234835648094621, low, 6);
        Assert.Equal(0.08436106312521979, high, 6);
    }

    [Fact]
    public void No_trials_gives_the_whole_unit_interval() => Assert.Equal((0.0, 1.0), Wilson.Interval(0, 0));
}

// Expected: 0.5 * math.erfc(-z / sqrt(2)) in Python (erfc keeps precision in the tail).
public class NormalTailTests
{
    [Theory]
    [InlineData(-6.5, 4.016000583859125e-11)]
    [InlineData(3.1, 0.9990323967867817)]
    public void Cdf_is_accurate_in_the_tails(double z, double expected) =>
        Assert.Equal(1, Normal.Cdf(z) / expected, 9);
}
