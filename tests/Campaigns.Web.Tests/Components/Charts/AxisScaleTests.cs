using Campaigns.Web.Components.Charts;

namespace Campaigns.Web.Tests.Components.Charts;

public class AxisScaleTests
{
    [Fact]
    public void A_small_positive_range_gets_round_ticks_from_zero_just_past_the_data()
    {
        var scale = AxisScale.For(0.005, 0.035);
        Assert.Equal(0, scale.Min);
        Assert.Equal(0.04, scale.Max, 12);
        Assert.Equal([0, 0.01, 0.02, 0.03, 0.04], scale.Ticks);
    }

    [Fact]
    public void Zero_stays_in_view_when_every_value_is_on_one_side()
    {
        var scale = AxisScale.For(-12, -8);
        Assert.True(scale.Min <= -12);
        Assert.Equal(0, scale.Max);
    }

    [Fact]
    public void Without_zero_the_axis_hugs_the_data() =>
        Assert.Equal(new AxisScale(100, 200, 20), AxisScale.For(103, 197, includeZero: false, ticks: 6, padding: 0));

    [Theory]
    [InlineData(1, 3)]
    [InlineData(1, 9)]
    [InlineData(2, 14)]
    public void Whole_ticks_fall_on_whole_days_however_few_there_are(double first, double last)
    {
        var scale = AxisScale.For(first, last, includeZero: false, ticks: 6, padding: 0, whole: true);
        Assert.True(scale.Step >= 1);
        Assert.All(scale.Ticks, t => Assert.Equal(Math.Round(t), t));
        Assert.True(scale.Min <= first && scale.Max >= last);
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(2.5, 1)]
    [InlineData(0.25, 2)]
    public void Tick_labels_get_just_enough_decimals(double step, int decimals) => Assert.Equal(decimals, AxisScale.DecimalsOf(step));
}
