using Bunit;
using Campaigns.Web.Components.Charts;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Components.Charts;

public class CurveChartTests : ComponentTest
{
    [Fact]
    public void Every_curve_is_named_in_a_legend_that_wraps_however_many_and_long_the_names_are()
    {
        var names = Enumerable.Range(1, 5).Select(i => $"Buy 2 get 1 free on everything over €60, arm {i}").ToList();
        var series = names.Select((n, i) => new CurveSeries(n, [(0.0, 0.0), (1.0, i + 1.0)], "#123456")).ToList();

        var chart = Render<CurveChart>(p => p.Add(c => c.Series, series).Add(c => c.TestId, "lift"));

        var legend = chart.Find("[data-testid=lift] .flex-wrap");
        Assert.Equal(names, legend.Children.Select(c => c.TextContent.Trim()));
        Assert.Equal(5, chart.FindAll("[data-testid=lift] polyline").Count);
    }
}
