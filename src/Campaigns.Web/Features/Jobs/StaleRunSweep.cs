using Campaigns.Data;
using Campaigns.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Jobs;

/// <summary>
/// Finds runs left "running" by an instance that stopped (no heartbeat for <see cref="JobsOptions.StaleAfter"/>) and
/// queues them again, from any instance; a run whose instance stopped <see cref="JobsOptions.MaxAttempts"/> times is
/// failed instead, with the reason, and its job is told so it can leave its own records resumable.
/// </summary>
public sealed class StaleRunSweep(IDbContextFactory<CampaignsDbContext> dbFactory, JobRunner runner, IServiceProvider services,
    IOptions<JobsOptions> options, ILogger<StaleRunSweep> log)
{
    public const string RecurringId = "job-runs-sweep";

    /// <returns>How many runs were queued again or failed.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staleBefore = DateTime.UtcNow - options.Value.StaleAfter;
        var stale = await db.JobRuns.Where(r => r.Status == JobStatus.Running && (r.HeartbeatAt ?? r.StartedAt) < staleBefore).ToListAsync(ct);
        var handled = 0;
        foreach (var run in stale)
        {
            // Each change is conditional on the run still being the stale attempt, so sweeps on two instances (or a
            // heartbeat arriving late) never act twice.
            var same = db.JobRuns.Where(r => r.Id == run.Id && r.Attempts == run.Attempts && r.Status == JobStatus.Running
                && (r.HeartbeatAt ?? r.StartedAt) < staleBefore);
            var lastSeen = run.HeartbeatAt ?? run.StartedAt;
            if (run.Attempts >= options.Value.MaxAttempts)
            {
                var reason = $"The instance running this job stopped {run.Attempts} times without finishing (last seen {lastSeen:yyyy-MM-dd HH:mm:ss} UTC); it is not tried again.";
                if (await same.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobStatus.Failed).SetProperty(r => r.Error, reason)
                        .SetProperty(r => r.FinishedAt, DateTime.UtcNow), ct) == 0) continue;
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredKeyedService<IJob>(run.Kind).AbandonedAsync(run.ParametersJson, reason, ct);
                log.LogWarning("Job run {RunId} ({Kind}) failed: {Reason}", run.Id, run.Kind, reason);
            }
            else
            {
                var stage = $"The instance running it stopped (last seen {lastSeen:HH:mm:ss} UTC); queued again";
                if (await same.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobStatus.Queued).SetProperty(r => r.Stage, stage), ct) == 0) continue;
                await runner.HandToHangfireAsync(db, run, ct);
                log.LogWarning("Job run {RunId} ({Kind}) queued again: its instance stopped", run.Id, run.Kind);
            }
            handled++;
        }
        return handled;
    }
}
