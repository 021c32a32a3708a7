using Campaigns.Data;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Jobs;

/// <summary>
/// At start-up: re-enqueues runs a restart interrupted (in-memory Hangfire storage forgot them) and registers
/// the recurring retraining jobs from the schedules stored in the database.
/// </summary>
public sealed class JobRecovery(IServiceProvider services, ILogger<JobRecovery> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value;
        if (options.RecoverInterruptedRuns)
        {
            var runner = scope.ServiceProvider.GetRequiredService<JobRunner>();
            var sweep = scope.ServiceProvider.GetRequiredService<StaleRunSweep>();
            var interrupted = await db.JobRuns.Where(r => r.Status == JobStatus.Queued || r.Status == JobStatus.Running).OrderBy(r => r.CreatedAt).ToListAsync(ct);
            var requeued = 0;
            foreach (var run in interrupted)
            {
                if (run.Status == JobStatus.Running)
                {
                    // Still "running" at start-up means the process died under it (a graceful stop leaves it queued): that
                    // counts like a takeover, so a job that crashes the process cannot crash-loop it.
                    if (run.Takeovers >= options.MaxTakeovers)
                    {
                        try
                        {
                            await sweep.GiveUpAsync(run, db.JobRuns.Where(r => r.Id == run.Id && r.Attempts == run.Attempts && r.Status == JobStatus.Running),
                                $"The process stopped {run.Takeovers + 1} times while running this job (last seen {run.HeartbeatAt ?? run.StartedAt:yyyy-MM-dd HH:mm:ss} UTC); it is not tried again.", ct);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            // Never a reason not to start: the run stays stale, and the sweep gives it up once it can.
                            log.LogError(ex, "Job run {RunId} ({Kind}) not given up at start-up", run.Id, run.Kind);
                        }
                        continue;
                    }
                    run.Takeovers++;
                    run.Stage = "Interrupted by a restart; queued again";
                }
                run.Status = JobStatus.Queued;
                await runner.HandToHangfireAsync(db, run, ct);
                requeued++;
            }
            if (requeued > 0) log.LogInformation("Re-enqueued {Count} job runs interrupted by the last stop", requeued);
        }
        var recurring = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
        // Results read the per-customer rollup; keeping it a minute behind at most makes every results page fast.
        recurring.AddOrUpdate<ExperimentRollupJob>(ExperimentRollupJob.RecurringId, x => x.CatchUpAsync(CancellationToken.None), Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        // Monitoring runs as a recorded job, so its findings and failures are readable like any other run.
        recurring.AddOrUpdate<ScheduledTraining>(ScheduledTraining.MonitorRecurringId, x => x.MonitorAsync(), Cron.Hourly(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        // Runs whose instance stopped (no heartbeat) are queued again from whichever instance is alive.
        recurring.AddOrUpdate<StaleRunSweep>(StaleRunSweep.RecurringId, x => x.RunAsync(CancellationToken.None), Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        // Uploads and rejected-rows files live in the database: abandoned ones are removed after their time.
        recurring.AddOrUpdate<Application.Imports.ImportFileCleanup>(Application.Imports.ImportFileCleanup.RecurringId, x => x.RunAsync(CancellationToken.None), Cron.Hourly(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        foreach (var schedule in await db.RetrainingSchedules.AsNoTracking().ToListAsync(ct))
            RegisterSchedule(recurring, schedule);
    }

    public static void RegisterSchedule(IRecurringJobManager recurring, RetrainingSchedule schedule)
    {
        if (schedule.Enabled)
            recurring.AddOrUpdate<ScheduledTraining>(schedule.RecurringJobId, x => x.TriggerAsync(schedule.Kind), schedule.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        else
            recurring.RemoveIfExists(schedule.RecurringJobId);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>What a retraining schedule fires: a recorded training run of that model kind.</summary>
public sealed class ScheduledTraining(JobRunner runner, ILogger<ScheduledTraining> log)
{
    public const string MonitorRecurringId = Models.ModelMonitorJob.Kind;

    public static string JobKind(ModelKind kind) => $"train-{kind}";

    public Task MonitorAsync() => EnqueueOrSkipAsync(Models.ModelMonitorJob.Kind);

    public Task TriggerAsync(ModelKind kind) => EnqueueOrSkipAsync(JobKind(kind));

    private async Task EnqueueOrSkipAsync(string jobKind)
    {
        try
        {
            await runner.EnqueueAsync(jobKind, null, "schedule");
        }
        catch (Domain.DomainException ex)
        {
            // The same job is already queued or running: this tick is skipped, not retried.
            log.LogInformation("Scheduled {Kind} skipped: {Reason}", jobKind, ex.Message);
        }
    }
}
