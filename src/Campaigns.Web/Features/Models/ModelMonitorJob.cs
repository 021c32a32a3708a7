using System.Text.Json;
using Campaigns.Analytics.Monitoring;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Models;
using Campaigns.Targeting;
using Campaigns.Web.Features.Experiments;
using Campaigns.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Models;

/// <summary>Calibration of one targeted campaign: coverage of its deciles' intervals and the mean gap.</summary>
public sealed record CampaignCalibration(Guid ExperimentId, string Campaign, int Deciles, double Coverage, double MeanAbsoluteGap);

/// <summary>What monitoring found for a version, stored with it for the Models page.</summary>
public sealed record ModelMonitoringReport(DateTime At, IReadOnlyList<FeatureDriftResult> Drift, IReadOnlyList<CampaignCalibration> Calibration,
    double DriftThreshold, double CalibrationThreshold, IReadOnlyList<string> Breaches)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static ModelMonitoringReport? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonSerializer.Deserialize<ModelMonitoringReport>(json, JsonSerializerOptions.Web); }
        catch (JsonException) { return null; }
    }
}

/// <summary>
/// Watches the current targeting model: feature drift between its training window and today's customers, and
/// calibration in the live experiments of campaigns it targeted. Beyond the Admin's thresholds it raises an alert
/// (shown on the dashboard with the reason) and enqueues a retraining.
/// </summary>
public sealed class ModelMonitorJob(CampaignsDbContext db, ModelStore models, TargetingCheck targeting, JobRunner runner) : IJob
{
    public const string Kind = "monitor-models";
    /// <summary>Deciles with fewer customers than this per arm say too little to judge calibration.</summary>
    private const int MinimumPerArm = 50;

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        var version = await db.ModelVersions.SingleOrDefaultAsync(v => v.Kind == ModelKind.UpliftTargeting && v.Status == ModelStatus.Current, ct);
        if (version is null) return "No targeting model is current: nothing to monitor.";
        var schedule = await db.RetrainingSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Kind == ModelKind.UpliftTargeting, ct);
        var driftThreshold = schedule?.DriftThreshold ?? 0.25;
        var calibrationThreshold = schedule?.CalibrationThreshold ?? 0.5;

        await context.ReportAsync("Measuring feature drift", 10);
        var profiles = UpliftModelMetrics.FromJson(version.MetricsJson)?.Features;
        IReadOnlyList<FeatureDriftResult> drift = [];
        if (profiles is { Count: > 0 })
        {
            // Custom attributes are read with the schema in the model's manifest, as scoring reads them.
            var attributes = AttributeSchema.Of(await models.LoadUpliftAsync(version.Id, ct));
            drift = await FeatureDrift.MeasureAsync(db, profiles, attributes, ct);
        }

        await context.ReportAsync("Checking calibration in live experiments", 60);
        var calibration = new List<CampaignCalibration>();
        var targeted = await (from a in db.Audiences.AsNoTracking()
                              where a.ModelVersionId == version.Id
                              join e in db.Experiments on a.CampaignId equals e.CampaignId
                              join c in db.Campaigns on a.CampaignId equals c.Id
                              select new { ExperimentId = e.Id, c.Name }).ToListAsync(ct);
        foreach (var t in targeted)
        {
            var view = await targeting.LoadAsync(t.ExperimentId, ct);
            var groups = view?.Deciles.Where(d => d.ControlUnits >= MinimumPerArm && d.TreatedUnits >= MinimumPerArm)
                .Select(d => new CalibrationGroup(d.Predicted, d.Observed, d.Low, d.High, d.ControlUnits + d.TreatedUnits)).ToList();
            if (groups is not { Count: >= 3 }) continue;
            var (coverage, gap) = Calibration.Score(groups);
            calibration.Add(new CampaignCalibration(t.ExperimentId, t.Name, groups.Count, coverage, gap));
        }

        var breaches = drift.Where(d => d.Psi > driftThreshold).Select(d => $"feature {d.Feature} drifted (PSI {d.Psi:0.00} > {driftThreshold:0.00})")
            .Concat(calibration.Where(c => c.Coverage < calibrationThreshold)
                .Select(c => $"'{c.Campaign}': only {c.Coverage:P0} of deciles match their prediction (< {calibrationThreshold:P0})"))
            .ToList();
        version.MonitoringJson = new ModelMonitoringReport(DateTime.UtcNow, drift, calibration, driftThreshold, calibrationThreshold, breaches).ToJson();
        version.MonitoredAt = DateTime.UtcNow;
        if (breaches.Count > 0 && !await db.ModelAlerts.AnyAsync(a => a.ModelVersionId == version.Id && a.ClearedAt == null, ct))
        {
            var alert = new ModelAlert { Kind = version.Kind, ModelVersionId = version.Id, Reason = $"v{version.Version}: " + string.Join("; ", breaches) };
            try
            {
                alert.RetrainRunId = (await runner.EnqueueAsync(UpliftTrainingJob.Kind, null, "monitor", ct)).Id;
            }
            catch (DomainException)
            {
                // A training is already queued or running: it is the retraining this alert asks for.
            }
            db.ModelAlerts.Add(alert);
            db.Audit("monitor", "model.alert", nameof(ModelVersion), version.Id, alert.Reason);
        }
        await db.SaveChangesAsync(ct);
        return breaches.Count == 0
            ? $"v{version.Version}: no drift above {driftThreshold:0.00}, {calibration.Count} targeted campaign(s) calibrated."
            : $"v{version.Version}: {string.Join("; ", breaches)}. Retraining requested.";
    }
}
