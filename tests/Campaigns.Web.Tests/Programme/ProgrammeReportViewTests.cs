using Bunit;
using Campaigns.Analytics;
using Campaigns.Analytics.Programme;
using Campaigns.Application.Programme;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Features.Programme.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Programme;

/// <summary>The report on a holdout that has just started: no orders yet reads as nothing measured, not as a known zero.</summary>
public class ProgrammeReportViewTests : ComponentTest
{
    private static MetricSummary NoOrders(int customers) =>
        MetricSummary.Mean(customers, 0, 0).WithCovariate(customers * 2.0, customers * 5.0, 0);

    [Fact]
    public void Before_anyone_orders_the_figures_say_there_is_no_interval_yet_instead_of_zero_to_zero()
    {
        var none = ProgrammeEffect.Estimate(NoOrders(950), NoOrders(50));
        var start = new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);
        var window = new ProgrammeWindow("Since 2026-12-06", start, start.AddHours(4), none, none, none, 0);
        var report = new ProgrammeReport(start, start.AddHours(4), 90, [window with { Label = "2026-12" }], window,
            [new ChannelFigures(Channel.Email, 900, 45, none, none, none, null, 0, 0, 0)]);

        var view = Render<ProgrammeReportView>(p => p.Add(v => v.Report, report));

        Assert.Contains("no interval yet: no orders in either group", view.Find("[data-testid=programme-margin]").TextContent);
        Assert.DoesNotContain(" to €0.00", view.Find("[data-testid=programme-report]").TextContent);
        Assert.DoesNotContain("interval 0 to 0", view.Find("[data-testid=programme-report]").TextContent);
        var rows = view.FindAll("[data-testid=programme-windows] tbody tr, [data-testid=programme-channels] tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Contains("no interval yet", r.TextContent));
    }
}
