using Campaigns.Application.Customers;
using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Tests.Customers;

/// <summary>Its own store with a current customer insights version: the test changes the stored orders.</summary>
public sealed class CustomerInsightsDriftDatabase : DemoDatabase
{
    protected override int Customers => 1500;

    public Guid VersionId { get; private set; }

    protected override async Task SeededAsync()
    {
        await using var db = Open();
        var store = new ModelStore(db);
        var stored = await new CustomerInsightsTrainingService(db, store, new CustomerScoring(db, store), Options.Create(new CustomerInsightsOptions()))
            .TrainAsync(ModelKind.CustomerInsights, new TrainingRun("tests"), default);
        if (!stored.Promoted) throw new InvalidOperationException($"The test model was not promoted: {stored.Decision}");
        VersionId = stored.VersionId;
    }
}

public sealed class CustomerInsightsMonitorTests(CustomerInsightsDriftDatabase store) : IClassFixture<CustomerInsightsDriftDatabase>
{
    private static readonly MonitoringThresholds Thresholds = new(0.25, 0.5);

    private async Task<MonitorFinding> CheckAsync(ModelVersion version)
    {
        await using var db = store.Open();
        return await new CustomerInsightsMonitor(db, new ModelStore(db)).CheckAsync(version, Thresholds, default);
    }

    [Fact]
    public async Task A_behaviour_feature_that_shifts_after_training_is_flagged_and_an_unchanged_one_is_not()
    {
        await using var db = store.Open();
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == store.VersionId);
        var profiles = CustomerInsightsMetrics.FromJson(version.MetricsJson)!.Features!;
        Assert.Contains(profiles, p => p.Feature == "average_amount");
        Assert.All(profiles, p => Assert.Equal(1, p.Shares.Sum(), 9));

        var before = await CheckAsync(version);
        var psi = before.Report.Drift.ToDictionary(d => d.Feature, d => d.Psi);
        Assert.Equal(profiles.Count, psi.Count);
        // No order arrived since training: what customers bought, and how much, is what the version learned from.
        Assert.True(psi["average_amount"] < 0.01, $"average_amount PSI {psi["average_amount"]}");
        Assert.True(psi["orders"] < 0.01, $"orders PSI {psi["orders"]}");
        Assert.DoesNotContain(before.Report.Breaches, b => b.Contains("average_amount") || b.Contains("feature orders "));
        Assert.True(before.Report.DriftOnly);
        Assert.Equal(0.25, before.Report.DriftThreshold);

        // Every order is suddenly worth ten times what the version learned from.
        await db.Orders.ExecuteUpdateAsync(s => s.SetProperty(o => o.Total, o => o.Total * 10 + 100));
        var after = await CheckAsync(version);

        var drifted = after.Report.Drift.Single(d => d.Feature == "average_amount");
        Assert.True(drifted.Psi > 0.25, $"average_amount PSI {drifted.Psi}");
        Assert.Contains($"feature average_amount drifted (PSI {drifted.Psi:0.00} > 0.25)", after.Report.Breaches);
        Assert.Equal(psi["orders"], after.Report.Drift.Single(d => d.Feature == "orders").Psi, 9);
        Assert.StartsWith($"Customer insights v{version.Version}: ", after.Summary);
        Assert.EndsWith("Retraining requested.", after.Summary);
    }

    [Fact]
    public async Task A_version_trained_before_feature_distributions_were_stored_says_its_drift_is_not_measured()
    {
        await using var db = store.Open();
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == store.VersionId);
        version.MetricsJson = (CustomerInsightsMetrics.FromJson(version.MetricsJson)! with { Features = null }).ToJson();

        var finding = await CheckAsync(version);

        Assert.Empty(finding.Report.Drift);
        Assert.Empty(finding.Report.Breaches);
        Assert.Equal(0, finding.Report.DriftThreshold);
        Assert.StartsWith("This version was trained before its features' distributions were stored", finding.Report.Note);
        Assert.Equal($"Customer insights v{version.Version}: drift not measured, the version was trained before its features' distributions were stored.", finding.Summary);
    }
}
