using Campaigns.Application.Common.Caching;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Dashboard;

/// <summary>
/// The dashboard's store-wide figures (customers; orders and revenue in the 30 days up to the current hour), kept
/// until the store's <see cref="StoreStamp"/> or the hour moves: they scan the order table, and change only with it.
/// </summary>
public sealed class StoreTotals(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    private readonly StampedCache<(int Customers, int Orders, double Revenue)> _cache = new();

    public async Task<(int Customers, int Orders, double Revenue)> ReadAsync(CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        string stamp;
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) stamp = await StoreStamp.ReadAsync(db, now, ct) + $"|{hour:HH}";
        return await _cache.GetAsync(stamp, async c =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(c);
            var since = hour.AddDays(-30);
            var customers = await db.Customers.CountAsync(c);
            var orders = await db.Orders.Where(o => o.PlacedAt >= since).GroupBy(_ => 1)
                .Select(g => new { Count = g.Count(), Revenue = g.Sum(o => (double)o.Total) }).SingleOrDefaultAsync(c);
            return (customers, orders?.Count ?? 0, orders?.Revenue ?? 0);
        }, ct);
    }
}
