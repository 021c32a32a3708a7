using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Models;

/// <summary>
/// A training run delivered again after its process stopped between storing its model and recording its outcome (a
/// kill, a power cut) has done its work: training again would store a second version for the same run.
/// </summary>
public static class TrainedBefore
{
    /// <summary>The run's summary when an earlier attempt stored its version; null when it has still to train.</summary>
    public static async Task<string?> SummaryAsync(IDbContextFactory<CampaignsDbContext> dbFactory, Guid runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.ModelVersions.AsNoTracking().Where(v => v.JobRunId == runId)
            .Select(v => new { v.Version, v.Learner, v.Status }).FirstOrDefaultAsync(ct);
        return stored is null ? null : $"v{stored.Version} ({stored.Learner}): stored {stored.Status.ToString().ToLowerInvariant()} by an earlier attempt of this run.";
    }
}
