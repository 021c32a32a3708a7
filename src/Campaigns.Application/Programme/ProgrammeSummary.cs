using Campaigns.Application.Common.Caching;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Programme;

/// <summary>
/// The programme report the dashboard's card shows, kept until the store's <see cref="StoreStamp"/> moves: the report
/// reads every customer and order, and its figures change only with orders, customers and the holdout.
/// </summary>
public sealed class ProgrammeSummary(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    private readonly StampedCache<ProgrammeReport?> _cache = new();

    /// <summary>The report as of its last computation at the current stamp; null before the holdout has started.</summary>
    public async Task<ProgrammeReport?> ReadAsync(CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        string stamp;
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) stamp = await StoreStamp.ReadAsync(db, now, ct);
        return await _cache.GetAsync(stamp, c => new ProgrammeResults(dbFactory).ReadAsync(now, c), ct);
    }
}
