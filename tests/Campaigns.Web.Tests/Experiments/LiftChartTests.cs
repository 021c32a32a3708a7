using Bunit;
using Campaigns.Web.Features.Experiments.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Experiments;

public class LiftChartTests : ComponentTest
{
    private List<string> TickLabels(params (string, double, double, double)[] rows)
    {
        var chart = Render<LiftChart>(p => p.Add(c => c.Rows, rows));
        // Tick labels sit below the plot, centred under their grid lines; the axis title is the last text.
        return chart.FindAll("text[text-anchor=middle]").Select(t => t.TextContent).SkipLast(1).ToList();
    }

    [Fact]
    public void The_axis_fits_small_lifts_instead_of_a_fixed_wide_range()
    {
        var ticks = TickLabels(("Conversion · 10% off", 0.02, 0.005, 0.035));

        Assert.Equal(["0%", "+1%", "+2%", "+3%", "+4%"], ticks);
    }

    [Fact]
    public void The_axis_follows_lifts_on_both_sides_of_zero()
    {
        var ticks = TickLabels(("Conversion · A", -0.12, -0.3, 0.05), ("Conversion · B", 0.02, -0.01, 0.06));

        Assert.Equal("−40%", ticks[0]);
        Assert.Contains("0%", ticks);
        Assert.Equal("+10%", ticks[^1]);
    }
}
