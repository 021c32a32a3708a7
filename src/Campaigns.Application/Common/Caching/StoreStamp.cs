using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Common.Caching;

/// <summary>
/// A cheap fingerprint of the store's slowly changing data, read from the database, so every instance sharing it sees
/// the same change. Customers, orders and products change only through imports (and the demo seeding at first start,
/// before a page is served), and an import commits each batch with its run's <c>LastCommittedRow</c>: the runs and
/// their committed rows move with every change, a re-imported order changed in place included, and read a few rows
/// rather than counting the order table (which cost as much as the figures). Then campaigns counted, holdout periods'
/// count, latest setting and ending, and the day (figures cut at "now" are at most a day old). A write outside the
/// app and its imports (SQL by hand) is seen the next day.
/// </summary>
public static class StoreStamp
{
    public static async Task<string> ReadAsync(CampaignsDbContext db, DateTime now, CancellationToken ct = default)
    {
        var campaigns = await db.Campaigns.CountAsync(ct);
        var imports = await db.ImportRuns.GroupBy(_ => 1).Select(g => new { Runs = g.Count(), Rows = g.Sum(r => r.LastCommittedRow) }).SingleOrDefaultAsync(ct);
        var holdout = await db.HoldoutPeriods.GroupBy(_ => 1)
            .Select(g => new { Periods = g.Count(), Started = g.Count(p => p.StartsAt <= now), Set = g.Max(p => p.SetAt), Ended = g.Max(p => p.EndsAt) })
            .SingleOrDefaultAsync(ct);
        return $"{now:yyyy-MM-dd}|{campaigns}|{imports?.Runs}:{imports?.Rows}|{holdout?.Periods}:{holdout?.Started}:{holdout?.Set:O}:{holdout?.Ended:O}";
    }
}
