using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Models;

/// <summary>What an Admin sets for a kind's retraining.</summary>
public sealed record ScheduleRequest(ModelKind Kind, string Cron, bool Enabled, double? AutoPromoteMinGain, double? DriftThreshold, double? CalibrationThreshold);

/// <summary>Saves retraining schedules and registers them with Hangfire under a fixed recurring-job id (so saving twice replaces).</summary>
public sealed class ScheduleAdmin(IDbContextFactory<CampaignsDbContext> dbFactory, IRecurringJobManager recurring, JobCatalog catalog)
{
    public async Task<OperationResult> SaveAsync(ScheduleRequest request, string admin, CancellationToken ct = default)
    {
        if (!catalog.Contains(ScheduledTraining.JobKind(request.Kind)))
            return new(false, $"The {request.Kind} model has no training job yet, so it cannot be scheduled.");
        var (schedule, error) = CronSchedule.Parse(request.Cron);
        if (schedule is null) return new(false, error!);
        if (request.AutoPromoteMinGain is < 0) return new(false, "The automatic promotion margin cannot be negative (0 promotes any improvement).");
        if (request.DriftThreshold is <= 0) return new(false, "The drift threshold is a population stability index above 0 (0.1 moderate, 0.25 major).");
        if (request.CalibrationThreshold is < 0 or > 1) return new(false, "The calibration threshold is a share of deciles between 0 and 1.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.RetrainingSchedules.SingleOrDefaultAsync(s => s.Kind == request.Kind, ct);
        if (stored is null)
        {
            stored = new RetrainingSchedule { Kind = request.Kind, Cron = schedule.Expression };
            db.RetrainingSchedules.Add(stored);
        }
        stored.Cron = schedule.Expression;
        stored.Enabled = request.Enabled;
        stored.AutoPromoteMinGain = request.AutoPromoteMinGain;
        stored.DriftThreshold = request.DriftThreshold;
        stored.CalibrationThreshold = request.CalibrationThreshold;
        stored.UpdatedAt = DateTime.UtcNow;
        stored.UpdatedBy = admin;
        db.Audit(admin, "model.schedule", nameof(RetrainingSchedule), stored.Id,
            $"{request.Kind}: {schedule.Expression} ({schedule.Describe()}), {(request.Enabled ? "enabled" : "disabled")}, " +
            (request.AutoPromoteMinGain is { } g ? $"auto-promote when better by {g:0.###}" : "Admin promotes"));
        await db.SaveChangesAsync(ct);
        JobRecovery.RegisterSchedule(recurring, stored);
        return new(true, request.Enabled ? $"Saved: retrains {schedule.Describe()}." : "Saved: scheduled retraining is off.");
    }
}
