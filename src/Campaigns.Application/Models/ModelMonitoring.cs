using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Models;

/// <summary>
/// Watches the current version of every kind with a monitor (<see cref="ModelKindDefinition.Monitor"/>). Beyond the
/// Admin's thresholds a report's breaches raise an alert (shown on the dashboard with the reason) and enqueue the kind's retraining.
/// </summary>
public sealed class ModelMonitoring(CampaignsDbContext db, IServiceProvider services, IJobQueue jobs)
{
    /// <returns>One line per kind checked.</returns>
    /// <exception cref="InvalidOperationException">A check failed; the message names it and says what the others found.</exception>
    public async Task<string> RunAsync(IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        var findings = new List<string>();
        var failures = new List<string>();
        var monitored = ModelKinds.All.Where(k => k.Monitor is not null).ToList();
        foreach (var (kind, i) in monitored.Select((k, i) => (k, i)))
        {
            progress?.Report(($"Checking the {kind.Title.ToLowerInvariant()} model", (double)i / monitored.Count));
            // Each check stands alone: one model's corrupt artifact or a slow recount must not leave the others unwatched.
            try
            {
                if (await db.ModelVersions.SingleOrDefaultAsync(v => v.Kind == kind.Kind && v.Status == ModelStatus.Current, ct) is not { } current) continue;
                var finding = await services.GetRequiredKeyedService<IModelMonitor>(kind.Kind).CheckAsync(current, await ThresholdsAsync(kind.Kind, ct), ct);
                await RecordAsync(current, finding.Report, kind.TrainingJob, ct);
                findings.Add(finding.Summary);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"{kind.Title}: {ex.Message}");
            }
        }
        await db.SaveChangesAsync(ct);
        if (failures.Count > 0)
            throw new InvalidOperationException($"{string.Join(" ", failures)}{(findings.Count > 0 ? " Checked: " + string.Join(" ", findings) : "")}");
        return findings.Count == 0 ? "No model is current: nothing to monitor." : string.Join(" ", findings);
    }

    private async Task<MonitoringThresholds> ThresholdsAsync(ModelKind kind, CancellationToken ct)
    {
        var schedule = await db.RetrainingSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Kind == kind, ct);
        return new MonitoringThresholds(schedule?.DriftThreshold ?? 0.25, schedule?.CalibrationThreshold ?? 0.5);
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
            alert.RetrainRunId = (await jobs.EnqueueAsync(retrainJob, null, "monitor", ct)).Id;
        }
        catch (DomainException)
        {
            // A training is already queued or running: it is the retraining this alert asks for.
        }
        db.ModelAlerts.Add(alert);
        db.Audit("monitor", "model.alert", nameof(ModelVersion), version.Id, alert.Reason);
    }
}
