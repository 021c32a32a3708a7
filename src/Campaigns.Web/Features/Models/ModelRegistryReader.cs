using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Models;

/// <summary>A model version as the registry shows it: everything but the artifact.</summary>
/// <param name="Uplift">The stored evaluation of an uplift version (null for other kinds or unreadable metrics).</param>
/// <param name="UpliftFeatures">The features of an uplift version, custom attributes included (null for other kinds or an unreadable list).</param>
public sealed record ModelVersionRow(
    Guid Id, ModelKind Kind, int Version, string Learner, ModelStatus Status, double? MainMetric,
    DateTime DataFrom, DateTime DataTo, int RowCount, TimeSpan? TrainingTime, DateTime CreatedAt, string TriggeredBy,
    UpliftModelMetrics? Uplift, UpliftFeatureList? UpliftFeatures = null);

/// <summary>What the Models page shows, read in one go.</summary>
/// <param name="Trainable">Kinds that have a training job (only these can be trained or scheduled).</param>
/// <param name="AwaitingSignOff">Versions with a pending Manager sign-off.</param>
public sealed record ModelRegistrySnapshot(
    IReadOnlyList<ModelVersionRow> Versions, IReadOnlyList<RetrainingSchedule> Schedules, IReadOnlyList<JobRun> Runs,
    IReadOnlySet<ModelKind> Trainable, IReadOnlySet<Guid> AwaitingSignOff,
    IReadOnlyDictionary<ModelKind, ModelMonitoringReport> Monitoring, IReadOnlyList<ModelAlert> Alerts)
{
    public static readonly ModelRegistrySnapshot Empty = new([], [], [], new HashSet<ModelKind>(), new HashSet<Guid>(),
        new Dictionary<ModelKind, ModelMonitoringReport>(), []);

    /// <summary>A training is queued or running: the page polls until it ends.</summary>
    public bool AnyRunActive => Runs.Any(r => !r.IsFinished);
}

/// <summary>A Manager's pending decision, with the candidate's and the current version's main metric side by side.</summary>
public sealed record PendingSignOff(
    Guid Id, ModelKind Kind, int Version, string Learner, string RequestedBy, string Reason, DateTime RequestedAt,
    double? CandidateMetric, int? CurrentVersion, double? CurrentMetric);

/// <summary>Reads the registry for the Models and sign-off pages; artifacts stay in the database.</summary>
public sealed class ModelRegistryReader(IDbContextFactory<CampaignsDbContext> dbFactory, JobCatalog catalog)
{
    public async Task<ModelRegistrySnapshot> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Runs first: a run read as finished stored its version before it finished, so the versions read next include
        // it. Read the other way round, a training ending between the two reads stopped the page's polling without
        // its new version.
        // Monitoring runs are read too, so the page keeps polling until a "Check now" has finished.
        var jobKinds = Enum.GetValues<ModelKind>().Select(ScheduledTraining.JobKind).Append(ModelMonitorJob.Kind).ToList();
        var runs = await db.JobRuns.AsNoTracking().Where(r => jobKinds.Contains(r.Kind)).OrderByDescending(r => r.CreatedAt).Take(20).ToListAsync(ct);
        var rows = await db.ModelVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new { v.Id, v.Kind, v.Version, v.Learner, v.Status, v.MainMetric, v.DataFrom, v.DataTo, v.RowCount, v.TrainingTime, v.CreatedAt, v.TriggeredBy, v.MetricsJson, v.FeaturesJson })
            .ToListAsync(ct);
        var versions = rows.Select(v => new ModelVersionRow(v.Id, v.Kind, v.Version, v.Learner, v.Status, v.MainMetric, v.DataFrom, v.DataTo, v.RowCount,
            v.TrainingTime, v.CreatedAt, v.TriggeredBy, v.Kind == ModelKind.UpliftTargeting ? UpliftModelMetrics.FromJson(v.MetricsJson) : null,
            v.Kind == ModelKind.UpliftTargeting ? UpliftFeatureList.FromJson(v.FeaturesJson) : null)).ToList();
        var schedules = await db.RetrainingSchedules.AsNoTracking().ToListAsync(ct);
        var waiting = await db.ModelSignOffs.AsNoTracking().Where(s => s.Status == SignOffStatus.Pending).Select(s => s.ModelVersionId).ToListAsync(ct);
        var trainable = Enum.GetValues<ModelKind>().Where(k => catalog.Contains(ScheduledTraining.JobKind(k))).ToHashSet();
        var monitoring = (await db.ModelVersions.AsNoTracking().Where(v => v.Status == ModelStatus.Current && v.MonitoringJson != null)
                .Select(v => new { v.Kind, v.MonitoringJson }).ToListAsync(ct))
            .Select(v => (v.Kind, Report: ModelMonitoringReport.FromJson(v.MonitoringJson))).Where(v => v.Report is not null)
            .ToDictionary(v => v.Kind, v => v.Report!);
        var alerts = await db.ModelAlerts.AsNoTracking().Where(a => a.ClearedAt == null).OrderByDescending(a => a.RaisedAt).ToListAsync(ct);
        return new(versions, schedules, runs, trainable, waiting.ToHashSet(), monitoring, alerts);
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

/// <summary>A Manager's answer to a sign-off request.</summary>
public sealed record SignOffDecision(Guid SignOffId, bool Approve, string? Comment);
