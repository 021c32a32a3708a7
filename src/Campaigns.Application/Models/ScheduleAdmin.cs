using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>Saves retraining schedules (every registered kind has a trainer) and registers them with the job scheduler under a fixed recurring-job id (so saving twice replaces).</summary>
public sealed class ScheduleAdmin(IDbContextFactory<CampaignsDbContext> dbFactory, IRetrainingScheduler scheduler)
{
    public async Task<Result> SaveAsync(ScheduleRequest request, string admin, CancellationToken ct = default)
    {
        var (schedule, error) = CronSchedule.Parse(request.Cron);
        if (schedule is null) return Result.Invalid(nameof(request.Cron), error!);
        if (request.AutoPromoteMinGain is < 0) return Result.Invalid(nameof(request.AutoPromoteMinGain), "The automatic promotion margin cannot be negative (0 promotes any improvement).");
        if (request.DriftThreshold is <= 0) return Result.Invalid(nameof(request.DriftThreshold), "The drift threshold is a population stability index above 0 (0.1 moderate, 0.25 major).");
        if (request.CalibrationThreshold is < 0 or > 1) return Result.Invalid(nameof(request.CalibrationThreshold), "The calibration threshold is a share of deciles between 0 and 1.");
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
        scheduler.Register(stored);
        return Result.Done(request.Enabled ? $"Saved: retrains {schedule.Describe()}." : "Saved: scheduled retraining is off.");
    }
}
