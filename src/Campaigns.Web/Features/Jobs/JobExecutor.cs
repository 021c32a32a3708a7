using System.Linq.Expressions;
using Campaigns.Data;
using Campaigns.Domain.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Jobs;

/// <summary>
/// The one Hangfire entry point: claims a recorded run, runs its job with a heartbeat, and writes the outcome. Safe to
/// run twice: a run that is not queued any more is left alone, unless its heartbeat stopped (the instance running it
/// died, and Hangfire handed the job to another one).
/// </summary>
public sealed class JobExecutor(IDbContextFactory<CampaignsDbContext> dbFactory, IServiceProvider services, IOptions<JobsOptions> options,
    ILogger<JobExecutor> log)
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(200);

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken shutdown)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(shutdown))
        {
            // Claim atomically, so two workers (or instances) never run the same record. A running run is taken over only
            // once its heartbeat stopped (never one without a heartbeat: an instance of an older version writes none).
            var (now, staleBefore, maxTakeovers) = (DateTime.UtcNow, DateTime.UtcNow - options.Value.StaleAfter, options.Value.MaxTakeovers);
            var claimed = await db.JobRuns
                .Where(r => r.Id == runId && (r.Status == JobStatus.Queued
                    || (r.Status == JobStatus.Running && r.HeartbeatAt < staleBefore && r.Takeovers < maxTakeovers)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Takeovers, r => r.Status == JobStatus.Running ? r.Takeovers + 1 : r.Takeovers)
                    .SetProperty(r => r.Status, JobStatus.Running)
                    .SetProperty(r => r.StartedAt, now)
                    .SetProperty(r => r.HeartbeatAt, now)
                    .SetProperty(r => r.Attempts, r => r.Attempts + 1), shutdown);
            if (claimed == 0) return;
        }
        JobRun run;
        await using (var db = await dbFactory.CreateDbContextAsync(shutdown))
            run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId, shutdown);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        // Every write names this attempt: if another instance took the run over (this one was taken for dead), the
        // writes change nothing and the job is cancelled, so the same work never runs twice.
        var mine = (Expression<Func<JobRun, bool>>)(r => r.Id == runId && r.Attempts == run.Attempts && r.Status == JobStatus.Running);
        var lastReport = DateTime.MinValue;
        async Task Report(string stage, double percent)
        {
            if (DateTime.UtcNow - lastReport < ReportInterval && percent < 100) return;
            lastReport = DateTime.UtcNow;
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            if (await db.JobRuns.Where(mine).ExecuteUpdateAsync(s => s.SetProperty(r => r.Stage, stage).SetProperty(r => r.Progress, percent)) == 0)
                await LostAsync(runId, cancel);
            await CancelRequested();
        }
        async Task CancelRequested()
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            if (await db.JobRuns.Where(r => r.Id == runId).Select(r => r.CancelRequested).SingleAsync()) await cancel.CancelAsync();
            cancel.Token.ThrowIfCancellationRequested();
        }

        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(mine, runId, cancel, stopHeartbeat.Token);
        JobStatus outcome;
        string? summary = null, error = null;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var job = scope.ServiceProvider.GetRequiredKeyedService<IJob>(run.Kind);
            summary = await job.RunAsync(new JobContext(runId, run.ParametersJson, run.TriggeredBy, Report, CancelRequested), cancel.Token);
            outcome = JobStatus.Succeeded;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // The app is stopping: leave the run queued so start-up recovery runs it again.
            outcome = JobStatus.Queued;
        }
        catch (OperationCanceledException)
        {
            outcome = JobStatus.Cancelled;
            summary = "Cancelled by request; nothing was kept.";
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Job run {RunId} ({Kind}) failed", runId, run.Kind);
            outcome = JobStatus.Failed;
            error = $"{ex.GetType().Name}: {ex.Message}";
        }
        await stopHeartbeat.CancelAsync();
        await heartbeat;

        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            var finished = outcome != JobStatus.Queued;
            // Only this attempt's outcome: if another instance took the run over (or a sweep failed it), theirs counts.
            await db.JobRuns.Where(mine).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, outcome)
                .SetProperty(r => r.FinishedAt, finished ? DateTime.UtcNow : null)
                .SetProperty(r => r.Progress, r => outcome == JobStatus.Succeeded ? 100 : r.Progress)
                .SetProperty(r => r.ResultSummary, summary)
                .SetProperty(r => r.Error, error));
        }
    }

    /// <summary>
    /// Writes the run's heartbeat until stopped. A missed beat (the database busy) is only logged: the next one follows,
    /// and a run is taken for dead only after several. A beat that finds the run no longer this attempt's cancels the job.
    /// </summary>
    private async Task HeartbeatAsync(Expression<Func<JobRun, bool>> mine, Guid runId, CancellationTokenSource job, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(stop);
                    if (await db.JobRuns.Where(mine).ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, DateTime.UtcNow), stop) == 0)
                        await LostAsync(runId, job);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Heartbeat of job run {RunId} not written", runId);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task LostAsync(Guid runId, CancellationTokenSource job)
    {
        if (job.IsCancellationRequested) return;
        log.LogWarning("Job run {RunId} was taken over by another instance (this one missed its heartbeats); stopping this attempt", runId);
        await job.CancelAsync();
    }
}
