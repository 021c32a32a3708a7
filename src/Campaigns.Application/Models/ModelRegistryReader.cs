using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>Reads the registry for the Models and sign-off pages; artifacts stay in the database.</summary>
public sealed class ModelRegistryReader(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <summary>The job kind of model monitoring (drift, calibration), run hourly and on "Check now".</summary>
    public const string MonitorJob = "monitor-models";

    public async Task<ModelRegistrySnapshot> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Runs first: a run read as finished stored its version before it finished, so the versions read next include
        // it. Read the other way round, a training ending between the two reads stopped the page's polling without
        // its new version.
        // Monitoring runs are read too, so the page keeps polling until a "Check now" has finished.
        var jobKinds = ModelKinds.All.Select(k => k.TrainingJob).Append(MonitorJob).ToList();
        var runs = await db.JobRuns.AsNoTracking().Where(r => jobKinds.Contains(r.Kind)).OrderByDescending(r => r.CreatedAt).Take(20).ToListAsync(ct);
        var rows = await db.ModelVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new { v.Id, v.Kind, v.Version, v.Learner, v.Status, v.MainMetric, v.DataFrom, v.DataTo, v.RowCount, v.TrainingTime, v.CreatedAt, v.TriggeredBy, v.MetricsJson, v.FeaturesJson })
            .ToListAsync(ct);
        var versions = rows.Select(v => new ModelVersionRow(v.Id, v.Kind, v.Version, v.Learner, v.Status, v.MainMetric, v.DataFrom, v.DataTo, v.RowCount,
            v.TrainingTime, v.CreatedAt, v.TriggeredBy, ModelKinds.Get(v.Kind).Details(v.MetricsJson, v.FeaturesJson))).ToList();
        var schedules = await db.RetrainingSchedules.AsNoTracking().ToListAsync(ct);
        var waiting = await db.ModelSignOffs.AsNoTracking().Where(s => s.Status == SignOffStatus.Pending).Select(s => s.ModelVersionId).ToListAsync(ct);
        var monitoring = (await db.ModelVersions.AsNoTracking().Where(v => v.Status == ModelStatus.Current && v.MonitoringJson != null)
                .Select(v => new { v.Kind, v.MonitoringJson }).ToListAsync(ct))
            .Select(v => (v.Kind, Report: ModelMonitoringReport.FromJson(v.MonitoringJson))).Where(v => v.Report is not null)
            .ToDictionary(v => v.Kind, v => v.Report!);
        var alerts = await db.ModelAlerts.AsNoTracking().Where(a => a.ClearedAt == null).OrderByDescending(a => a.RaisedAt).ToListAsync(ct);
        return new(versions, schedules, runs, waiting.ToHashSet(), monitoring, alerts);
    }

    public async Task<IReadOnlyList<PendingSignOff>> PendingSignOffsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await db.ModelSignOffs.AsNoTracking().Where(s => s.Status == SignOffStatus.Pending).ToListAsync(ct);
        var ids = pending.Select(s => s.ModelVersionId).ToList();
        var candidates = await db.ModelVersions.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.Learner, v.MainMetric }).ToDictionaryAsync(v => v.Id, ct);
        var current = await db.ModelVersions.AsNoTracking().Where(v => v.Status == ModelStatus.Current)
            .Select(v => new { v.Kind, v.Version, v.MainMetric }).ToListAsync(ct);
        return pending.OrderBy(s => s.RequestedAt).Select(s =>
        {
            var candidate = candidates.GetValueOrDefault(s.ModelVersionId);
            var now = current.FirstOrDefault(c => c.Kind == s.Kind);
            return new PendingSignOff(s.Id, s.Kind, s.Version, candidate?.Learner ?? "", s.RequestedBy, s.Reason, s.RequestedAt,
                candidate?.MainMetric, now?.Version, now?.MainMetric);
        }).ToList();
    }
}

