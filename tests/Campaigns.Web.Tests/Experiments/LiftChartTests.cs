using Bunit;
using Campaigns.Analytics;
using Campaigns.Web.Features.Experiments.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Experiments;

public class LiftChartTests : ComponentTest
{
    private List<string> TickLabels(params (string, double, double, double, Outcome)[] rows)
    {
        var chart = Render<LiftChart>(p => p.Add(c => c.Rows, rows));
        // Tick labels sit below the plot, centred under their grid lines; the axis title is the last text.
        return chart.FindAll("text[text-anchor=middle]").Select(t => t.TextContent).SkipLast(1).ToList();
    }

    [Fact]
    public void The_axis_fits_small_lifts_instead_of_a_fixed_wide_range()
    {
        var ticks = TickLabels(("Conversion · 10% off", 0.02, 0.005, 0.035, Outcome.Improvement));

        Assert.Equal(["0%", "+1%", "+2%", "+3%", "+4%"], ticks);
    }

    [Fact]
    public void The_axis_follows_lifts_on_both_sides_of_zero()
    {
        var ticks = TickLabels(("Conversion · A", -0.12, -0.3, 0.05, Outcome.Inconclusive), ("Conversion · B", 0.02, -0.01, 0.06, Outcome.Inconclusive));

        Assert.Equal("−40%", ticks[0]);
        Assert.Contains("0%", ticks);
        Assert.Equal("+10%", ticks[^1]);
    }

    [Fact]
    public void A_row_is_coloured_by_its_verdict_not_by_an_uncorrected_interval_clear_of_zero()
    {
        (string, double, double, double, Outcome)[] rows =
        [
            ("Margin · 5 off 30", -0.05, -0.09, -0.01, Outcome.Inconclusive),
            ("Conversion · 20% off", 0.08, 0.03, 0.13, Outcome.Improvement),
            ("Order value · Free shipping", -0.06, -0.1, -0.02, Outcome.Regression),
        ];

        var chart = Render<LiftChart>(p => p.Add(c => c.Rows, rows));

        Assert.Equal(["var(--mud-palette-text-secondary)", "var(--mud-palette-success)", "var(--mud-palette-error)"],
            chart.FindAll("circle").Select(c => c.GetAttribute("fill")));
    }
}
