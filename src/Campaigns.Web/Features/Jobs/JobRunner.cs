using System.Text.Json;
using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Jobs;

/// <summary>Starts and cancels background jobs. Every run is recorded in the app database first, then handed to Hangfire.</summary>
public sealed class JobRunner(IDbContextFactory<CampaignsDbContext> dbFactory, IBackgroundJobClient hangfire, JobCatalog catalog) : IJobQueue
{
    public async Task<JobRun> EnqueueAsync(string kind, object? parameters, string triggeredBy, CancellationToken ct = default)
    {
        if (!catalog.Contains(kind)) throw new DomainException($"There is no job of kind '{kind}'.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exclusive = catalog.IsExclusive(kind);
        if (exclusive && await db.JobRuns.AnyAsync(r => r.Kind == kind && (r.Status == JobStatus.Queued || r.Status == JobStatus.Running), ct))
            throw AlreadyActive(kind);
        var run = new JobRun { Kind = kind, Exclusive = exclusive, TriggeredBy = triggeredBy, ParametersJson = JsonSerializer.Serialize(parameters ?? new { }, JsonSerializerOptions.Web) };
        db.JobRuns.Add(run);
        db.Audit(triggeredBy, "job.enqueue", nameof(JobRun), run.Id, kind);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (exclusive && DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another request (or instance) inserted its run between the check above and this insert: the index kept one.
            throw AlreadyActive(kind);
        }
        await HandToHangfireAsync(db, run, ct);
        return run;
    }

    private DomainException AlreadyActive(string kind) =>
        new($"A '{catalog.Title(kind)}' job is already queued or running; wait for it to finish or cancel it.");

    /// <summary>Hands a recorded run to Hangfire; also used at start-up to re-enqueue runs a restart interrupted.</summary>
    public async Task HandToHangfireAsync(CampaignsDbContext db, JobRun run, CancellationToken ct)
    {
        run.HangfireJobId = hangfire.Enqueue<JobExecutor>(x => x.RunAsync(run.Id, CancellationToken.None));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Cooperative cancel: the job stops at its next progress report and the run ends "cancelled".</summary>
    public async Task<bool> RequestCancelAsync(Guid runId, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.JobRuns.FindAsync([runId], ct);
        if (run is null || run.IsFinished) return false;
        if (run.Status == JobStatus.Queued)
        {
            run.Status = JobStatus.Cancelled;
            run.FinishedAt = DateTime.UtcNow;
            if (run.HangfireJobId is { } id) hangfire.Delete(id);
        }
        run.CancelRequested = true;
        db.Audit(user, "job.cancel", nameof(JobRun), run.Id, run.Kind);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The latest runs, newest first: progress is written by whichever instance runs a job, so pages poll this.</summary>
    public async Task<List<JobRun>> RecentAsync(int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.JobRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(count).ToListAsync(ct);
    }
}
