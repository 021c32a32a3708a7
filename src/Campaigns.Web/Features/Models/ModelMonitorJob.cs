using Campaigns.Analytics;
using Campaigns.Analytics.Monitoring;
using Campaigns.Application.Experiments;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Models;

/// <summary>
/// Watches the current models. Targeting: feature drift between its training window and today's customers, and
/// calibration in the live experiments of campaigns it targeted. CTR ranker: its predicted click-through against the
/// observed rate of the copy chosen since it was trained. Copy generator: how often marketers pick its suggestions.
/// Beyond the Admin's thresholds it raises an alert (shown on the dashboard with the reason) and enqueues a retraining.
/// </summary>
public sealed class ModelMonitorJob(CampaignsDbContext db, ModelStore models, TargetingCheck targeting, JobRunner runner) : IJob
{
    public const string Kind = ModelRegistryReader.MonitorJob;
    /// <summary>Deciles with fewer customers than this per arm say too little to judge calibration.</summary>
    private const int MinimumPerArm = 50;
    /// <summary>Copy seen fewer times than this says too little of its click-through.</summary>
    public const int MinimumImpressions = 200;
    /// <summary>Suggestion requests looked back on, how many make a judgement, and the pick rate below which the generator is retrained.</summary>
    private const int SuggestionDays = 30, MinimumRequests = 20;
    private const double MinimumPickRate = 0.1;

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        var findings = new List<string>();
        var failures = new List<string>();
        // Each check stands alone: one model's corrupt artifact or a slow recount must not leave the others unwatched.
        async Task CheckAsync(string what, Func<Task<string?>> check)
        {
            try
            {
                if (await check() is { } finding) findings.Add(finding);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"{what}: {ex.Message}");
            }
        }

        await context.ReportAsync("Counting the chosen copy's impressions and clicks", 5);
        await CheckAsync("Recounting copy impressions and clicks", async () => { await db.RefreshCopyStatisticsAsync(ct); return null; });
        await CheckAsync("Targeting", async () => await CurrentAsync(ModelKind.UpliftTargeting, ct) is { } uplift ? await MonitorUpliftAsync(uplift, context, ct) : null);
        await context.ReportAsync("Checking the copy models", 80);
        await CheckAsync("Ranker", async () => await CurrentAsync(ModelKind.CtrRanker, ct) is { } ranker ? await MonitorRankerAsync(ranker, ct) : null);
        await CheckAsync("Generator", async () => await CurrentAsync(ModelKind.CopyGenerator, ct) is { } generator ? await MonitorGeneratorAsync(generator, ct) : null);
        await db.SaveChangesAsync(ct);
        if (failures.Count > 0)
            throw new InvalidOperationException($"{string.Join(" ", failures)}{(findings.Count > 0 ? " Checked: " + string.Join(" ", findings) : "")}");
        return findings.Count == 0 ? "No model is current: nothing to monitor." : string.Join(" ", findings);
    }

    private Task<ModelVersion?> CurrentAsync(ModelKind kind, CancellationToken ct) =>
        db.ModelVersions.SingleOrDefaultAsync(v => v.Kind == kind && v.Status == ModelStatus.Current, ct);

    private async Task<(double Drift, double Calibration)> ThresholdsAsync(ModelKind kind, CancellationToken ct)
    {
        var schedule = await db.RetrainingSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Kind == kind, ct);
        return (schedule?.DriftThreshold ?? 0.25, schedule?.CalibrationThreshold ?? 0.5);
    }

    private async Task<string> MonitorUpliftAsync(ModelVersion version, JobContext context, CancellationToken ct)
    {
        var (driftThreshold, calibrationThreshold) = await ThresholdsAsync(version.Kind, ct);
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
        await RecordAsync(version, new ModelMonitoringReport(DateTime.UtcNow, drift, calibration, driftThreshold, calibrationThreshold, breaches), ModelKinds.Get(version.Kind).TrainingJob, ct);
        return breaches.Count == 0
            ? $"Targeting v{version.Version}: no drift above {driftThreshold:0.00}, {calibration.Count} targeted campaign(s) calibrated."
            : $"Targeting v{version.Version}: {string.Join("; ", breaches)}. Retraining requested.";
    }

    private async Task<string> MonitorRankerAsync(ModelVersion version, CancellationToken ct)
    {
        var (_, threshold) = await ThresholdsAsync(version.Kind, ct);
        var ran = await db.CopyVariants.AsNoTracking()
            .Where(v => v.RankerVersionId == version.Id && v.PredictedCtr != null && v.Impressions >= MinimumImpressions)
            .OrderBy(v => v.CreatedAt).Select(v => new { v.Headline, v.Impressions, v.Clicks, Predicted = v.PredictedCtr!.Value }).ToListAsync(ct);
        var rows = ran.Select(v =>
        {
            var (low, high) = Wilson.Interval(v.Clicks, v.Impressions);
            return new CopyCalibration(v.Headline, v.Impressions, v.Predicted, (double)v.Clicks / v.Impressions, low, high);
        }).ToList();
        var breaches = new List<string>();
        if (rows.Count >= 3)
        {
            var (coverage, _) = Calibration.Score(rows.Select(r => new CalibrationGroup(r.Predicted, r.Observed, r.Low, r.High, r.Impressions)).ToList());
            if (coverage < threshold) breaches.Add($"only {coverage:P0} of {rows.Count} copy lines clicked as predicted (< {threshold:P0})");
        }
        await RecordAsync(version, new ModelMonitoringReport(DateTime.UtcNow, [], [], 0, threshold, breaches, CopyCalibration: rows), ModelKinds.Get(version.Kind).TrainingJob, ct);
        return breaches.Count > 0 ? $"Ranker v{version.Version}: {breaches[0]}. Retraining requested."
            : rows.Count < 3 ? $"Ranker v{version.Version}: {rows.Count} copy line(s) with {MinimumImpressions}+ impressions, too few to judge."
            : $"Ranker v{version.Version}: {rows.Count} copy lines clicked as predicted.";
    }

    private async Task<string> MonitorGeneratorAsync(ModelVersion version, CancellationToken ct)
    {
        var since = DateTime.UtcNow.AddDays(-SuggestionDays);
        var shown = db.CopySuggestions.AsNoTracking().Where(s => s.GeneratorVersionId == version.Id && s.ShownAt >= since);
        var use = new SuggestionUse(SuggestionDays,
            await shown.Select(s => s.RequestId).Distinct().CountAsync(ct),
            await shown.Where(s => s.PickedAt != null).Select(s => s.RequestId).Distinct().CountAsync(ct),
            await shown.CountAsync(s => s.PickedAt != null, ct),
            await shown.CountAsync(s => s.PickedAt != null && s.EditedText != null, ct));
        var breaches = use.Requests >= MinimumRequests && use.PickRate < MinimumPickRate
            ? [$"marketers picked from only {use.PickRate:P0} of {use.Requests} suggestion requests (< {MinimumPickRate:P0})"]
            : new List<string>();
        await RecordAsync(version, new ModelMonitoringReport(DateTime.UtcNow, [], [], 0, 0, breaches, Suggestions: use), ModelKinds.Get(version.Kind).TrainingJob, ct);
        return $"Generator v{version.Version}: {use.RequestsWithPick} of {use.Requests} request(s) led to a pick in {SuggestionDays} days"
               + (breaches.Count == 0 ? "." : ". Retraining requested.");
    }

    /// <summary>Stores the report with the version; a breach raises one alert (until cleared) and enqueues the kind's retraining.</summary>
    private async Task RecordAsync(ModelVersion version, ModelMonitoringReport report, string retrainJob, CancellationToken ct)
    {
        version.MonitoringJson = report.ToJson();
        version.MonitoredAt = report.At;
        if (report.Breaches.Count == 0 || await db.ModelAlerts.AnyAsync(a => a.ModelVersionId == version.Id && a.ClearedAt == null, ct)) return;
        var alert = new ModelAlert { Kind = version.Kind, ModelVersionId = version.Id, Reason = $"v{version.Version}: " + string.Join("; ", report.Breaches) };
        try
        {
            alert.RetrainRunId = (await runner.EnqueueAsync(retrainJob, null, "monitor", ct)).Id;
        }
        catch (DomainException)
        {
            // A training is already queued or running: it is the retraining this alert asks for.
        }
        db.ModelAlerts.Add(alert);
        db.Audit("monitor", "model.alert", nameof(ModelVersion), version.Id, alert.Reason);
    }
}
