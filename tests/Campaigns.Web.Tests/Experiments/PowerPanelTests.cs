using Bunit;
using Campaigns.Analytics;
using Campaigns.Web.Features.Experiments.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Experiments;

/// <summary>The power panel: how far an experiment is from the sample it needs, and how long the rest takes.</summary>
public class PowerPanelTests : ComponentTest
{
    private static readonly PowerProgress HalfWay = new(0.05, 0.1, 20_000, 10_000, DaysToPower: 110.2, DaysElapsed: 14);

    [Fact]
    public void A_running_experiment_says_how_many_more_days_its_traffic_needs()
    {
        var panel = Render<PowerPanel>(p => p.Add(c => c.Power, HalfWay));

        Assert.Contains("About 111 more days at current traffic.", panel.Find("[data-testid=power]").TextContent);
    }

    [Fact]
    public void A_stopped_experiment_promises_no_more_days()
    {
        var panel = Render<PowerPanel>(p => p.Add(c => c.Power, HalfWay).Add(c => c.Running, false));

        var text = panel.Find("[data-testid=power]").TextContent;
        Assert.Contains("Not reached: the experiment has stopped.", text);
        Assert.DoesNotContain("more days", text);
    }
}
