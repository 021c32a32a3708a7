using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>
/// A training run delivered again after its process stopped between storing its model and recording its outcome (a
/// kill, a power cut) has done its work: training again would store a second version for the same run.
/// </summary>
public static class TrainedBefore
{
    /// <summary>
    /// The run's summary when an earlier attempt stored its version; null when it has still to train. A version the
    /// earlier attempt made current may not have been put to work before the stop (a kill while every customer was being
    /// scored leaves the old scores): its serving job is queued again, which redoes that work whole.
    /// </summary>
    public static async Task<string?> SummaryAsync(IDbContextFactory<CampaignsDbContext> dbFactory, IJobQueue jobs, Guid runId, string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.ModelVersions.AsNoTracking().Where(v => v.JobRunId == runId)
            .Select(v => new { v.Kind, v.Version, v.Learner, v.Status }).FirstOrDefaultAsync(ct);
        if (stored is null) return null;
        var summary = $"v{stored.Version} ({stored.Learner}): stored {stored.Status.ToString().ToLowerInvariant()} by an earlier attempt of this run.";
        return stored.Status == ModelStatus.Current ? summary + await ModelServing.StartAsync(jobs, stored.Kind, user, ct) : summary;
    }
}
