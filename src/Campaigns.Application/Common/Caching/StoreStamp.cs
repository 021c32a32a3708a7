using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Common.Caching;

/// <summary>
/// A cheap fingerprint of the store's slowly changing data, read from the database, so every instance sharing it sees
/// the same change: customers, orders, campaigns and holdout periods counted, every import's committed rows (an
/// import commits each batch with its run's <c>LastCommittedRow</c>, so a re-imported order or product that changes
/// in place still moves it), holdout periods' latest setting and ending, and the day (figures cut at "now" are at
/// most a day old). A write outside the app and its imports (SQL by hand) is seen the next day.
/// </summary>
public static class StoreStamp
{
    public static async Task<string> ReadAsync(CampaignsDbContext db, DateTime now, CancellationToken ct = default)
    {
        var customers = await db.Customers.CountAsync(ct);
        var orders = await db.Orders.CountAsync(ct);
        var campaigns = await db.Campaigns.CountAsync(ct);
        var imports = await db.ImportRuns.GroupBy(_ => 1).Select(g => new { Runs = g.Count(), Rows = g.Sum(r => r.LastCommittedRow) }).SingleOrDefaultAsync(ct);
        var holdout = await db.HoldoutPeriods.GroupBy(_ => 1)
            .Select(g => new { Periods = g.Count(), Started = g.Count(p => p.StartsAt <= now), Set = g.Max(p => p.SetAt), Ended = g.Max(p => p.EndsAt) })
            .SingleOrDefaultAsync(ct);
        return $"{now:yyyy-MM-dd}|{customers}|{orders}|{campaigns}|{imports?.Runs}:{imports?.Rows}|{holdout?.Periods}:{holdout?.Started}:{holdout?.Set:O}:{holdout?.Ended:O}";
    }
}
