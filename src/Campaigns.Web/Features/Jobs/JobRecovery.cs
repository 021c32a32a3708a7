using Campaigns.Data;
using Campaigns.Domain.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Jobs;

/// <summary>
/// At start-up: re-enqueues runs a restart interrupted (in-memory Hangfire storage forgot them) and registers the
/// recurring jobs: the rollup's and the sweep's here, each feature's (<see cref="RecurringJobs"/>) as it registered them.
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
        // Runs whose instance stopped (no heartbeat) are queued again from whichever instance is alive.
        recurring.AddOrUpdate<StaleRunSweep>(StaleRunSweep.RecurringId, x => x.RunAsync(CancellationToken.None), Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        foreach (var jobs in scope.ServiceProvider.GetServices<RecurringJobs>())
            await jobs.RegisterAsync(scope.ServiceProvider, recurring, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
