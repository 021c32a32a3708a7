using Bunit;
using Campaigns.Application.Models;
using Campaigns.Web.Features.Models.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Models;

/// <summary>The Models page's monitoring section for a kind whose monitor measures drift only (the customer models).</summary>
public class MonitoringPanelTests : ComponentTest
{
    [Fact]
    public void A_drift_only_report_shows_its_drift_and_no_targeted_campaign_calibration()
    {
        var report = new ModelMonitoringReport(new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc),
            [new FeatureDriftResult("recency_days", 0.31), new FeatureDriftResult("orders", 0.02)], [], 0.25, 0.5,
            ["feature recency_days drifted (PSI 0.31 > 0.25)"], DriftOnly: true);

        var view = Render<MonitoringPanel>(p => p.Add(c => c.Report, report));

        var rows = view.FindAll("[data-testid=drift-table] tbody tr");
        Assert.Equal(["recency_days", "orders"], rows.Select(r => r.QuerySelector("td")!.TextContent));
        Assert.Contains("bad", rows[0].QuerySelectorAll("td")[1].ClassName);
        Assert.DoesNotContain("campaign", view.Markup);
        Assert.Empty(view.FindAll("[data-testid=monitoring-note]"));
    }

    [Fact]
    public void A_version_without_stored_distributions_is_said_to_be_unmeasured()
    {
        var report = new ModelMonitoringReport(DateTime.UtcNow, [], [], 0, 0.5, [], DriftOnly: true, Note: "This version was trained before its features' distributions were stored with it.");

        var view = Render<MonitoringPanel>(p => p.Add(c => c.Report, report));

        Assert.Equal("This version was trained before its features' distributions were stored with it.", view.Find("[data-testid=monitoring-note]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=drift-table]"));
    }
}
