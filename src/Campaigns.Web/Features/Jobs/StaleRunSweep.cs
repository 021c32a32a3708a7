using Campaigns.Data;
using Campaigns.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Jobs;

/// <summary>
/// Finds runs left "running" by an instance that stopped (no heartbeat for <see cref="JobsOptions.StaleAfter"/>) and
/// queues them again; a run already taken over <see cref="JobsOptions.MaxTakeovers"/> times is failed instead, with the
/// reason, after its job has marked its own records (an import run: failed, ready to resume). A recurring job: on SQL
/// Server one for the whole cluster, run by whichever instance has a free worker; with SQLite, the single instance's.
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
        // Runs without a heartbeat are never taken for dead: an instance of an older version writes none.
        var stale = await db.JobRuns.Where(r => r.Status == JobStatus.Running && r.HeartbeatAt < staleBefore).ToListAsync(ct);
        var handled = 0;
        foreach (var run in stale)
        {
            try
            {
                if (await HandleAsync(db, run, staleBefore, ct)) handled++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The run stays stale, so the next sweep tries again; the others are handled now.
                log.LogError(ex, "Stale job run {RunId} ({Kind}) not handled", run.Id, run.Kind);
            }
        }
        return handled;
    }

    private async Task<bool> HandleAsync(CampaignsDbContext db, JobRun run, DateTime staleBefore, CancellationToken ct)
    {
        // Each change is conditional on the run still being the stale attempt, so sweeps racing each other (or a
        // heartbeat arriving late) never act twice.
        var same = db.JobRuns.Where(r => r.Id == run.Id && r.Attempts == run.Attempts && r.Status == JobStatus.Running && r.HeartbeatAt < staleBefore);
        if (run.Takeovers >= options.Value.MaxTakeovers)
            return await GiveUpAsync(run, same,
                $"The instance running this job stopped {run.Takeovers + 1} times without finishing (last seen {run.HeartbeatAt:yyyy-MM-dd HH:mm:ss} UTC); it is not tried again.", ct);
        var stage = $"The instance running it stopped (last seen {run.HeartbeatAt:HH:mm:ss} UTC); queued again";
        if (await same.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobStatus.Queued).SetProperty(r => r.Stage, stage)
                .SetProperty(r => r.Takeovers, r => r.Takeovers + 1), ct) == 0) return false;
        await runner.HandToHangfireAsync(db, run, ct);
        log.LogWarning("Job run {RunId} ({Kind}) queued again: its instance stopped", run.Id, run.Kind);
        return true;
    }

    /// <summary>
    /// Fails a run that used up its <see cref="JobsOptions.MaxTakeovers"/>, after its job has marked its own records (an
    /// import run: failed, ready to resume). If that fails the run is left as it is, so the next attempt to give it up
    /// tries again; the run is failed only if <paramref name="same"/> still selects it (no one else acted meanwhile).
    /// </summary>
    public async Task<bool> GiveUpAsync(JobRun run, IQueryable<JobRun> same, string reason, CancellationToken ct)
    {
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredKeyedService<IJob>(run.Kind).AbandonedAsync(run.ParametersJson, reason, ct);
        if (await same.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobStatus.Failed).SetProperty(r => r.Error, reason)
                .SetProperty(r => r.FinishedAt, DateTime.UtcNow), ct) == 0) return false;
        log.LogWarning("Job run {RunId} ({Kind}) failed: {Reason}", run.Id, run.Kind, reason);
        return true;
    }
}
