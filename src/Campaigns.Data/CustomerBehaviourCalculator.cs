using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

/// <summary>
/// Computes customers' behaviour aggregates (frequency, spend, items, recency, discount share, engagement, top category)
/// from aggregates computed in the database, page by page. The background job recomputes every customer or those
/// with new orders or events; an import recomputes only the customers it touched.
/// </summary>
public sealed class CustomerBehaviourCalculator(CampaignsDbContext db)
{
    private const int PageSize = 2000;

    /// <summary>Every customer (null) or the given ones; reports (done, total) after each page.</summary>
    public async Task<int> RecomputeAsync(IReadOnlyCollection<Guid>? customerIds, Func<int, int, Task>? progress = null, CancellationToken ct = default)
    {
        var ids = customerIds?.Distinct().Order().ToList() ?? await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        // Events are indexed for ingestion and results (by experiment), not by customer: read them in one pass.
        var engagement = await db.Events.GroupBy(e => e.CustomerId)
            .Select(g => new Engagement(g.Key, g.Count(e => e.Type == EventType.Exposure), g.Count(e => e.Type != EventType.Exposure)))
            .ToDictionaryAsync(e => e.CustomerId, ct);
        for (var done = 0; done < ids.Count; done += PageSize)
        {
            var page = ids.Skip(done).Take(PageSize).ToList();
            var customers = await db.Customers.Where(c => page.Contains(c.Id)).ToListAsync(ct);
            await RecomputePageAsync(page, customers.ToDictionary(c => c.Id, c => c.Behaviour), engagement, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (progress is not null) await progress(Math.Min(ids.Count, done + PageSize), ids.Count);
        }
        return ids.Count;
    }

    /// <summary>Customers with orders placed or events since a moment: the ones whose behaviour may have changed.</summary>
    public async Task<List<Guid>> ChangedSinceAsync(DateTime since, CancellationToken ct = default)
    {
        var ordered = await db.Orders.Where(o => o.PlacedAt >= since).Select(o => o.CustomerId).Distinct().ToListAsync(ct);
        var engaged = await db.Events.Where(e => e.OccurredAt >= since).Select(e => e.CustomerId).Distinct().ToListAsync(ct);
        return ordered.Union(engaged).ToList();
    }

    private sealed record Engagement(Guid CustomerId, int Exposures, int Responses);

    private async Task RecomputePageAsync(List<Guid> ids, Dictionary<Guid, CustomerBehaviour> behaviour,
        Dictionary<Guid, Engagement> engagement, CancellationToken ct)
    {
        var orders = await db.Orders.Where(o => ids.Contains(o.CustomerId)).GroupBy(o => o.CustomerId)
            .Select(g => new
            {
                g.Key,
                Count = g.Count(),
                Spend = g.Sum(o => (double)o.Total),
                First = g.Min(o => o.PlacedAt),
                Last = g.Max(o => o.PlacedAt),
                Discounted = g.Count(o => o.Discount > 0),
            }).ToListAsync(ct);
        var categories = await (from l in db.OrderLines
                                join o in db.Orders on l.OrderId equals o.Id
                                join p in db.Products on l.ProductId equals p.Id
                                where ids.Contains(o.CustomerId)
                                group l by new { o.CustomerId, p.CategoryId } into g
                                select new { g.Key.CustomerId, g.Key.CategoryId, Quantity = g.Sum(x => x.Quantity) }).ToListAsync(ct);
        var items = categories.GroupBy(c => c.CustomerId).ToDictionary(g => g.Key, g => g.Sum(c => c.Quantity));

        var now = DateTime.UtcNow;
        foreach (var b in behaviour.Values)
        {
            b.OrderCount = 0; b.TotalSpend = 0; b.AverageOrderValue = 0; b.FirstOrderAt = null; b.LastOrderAt = null;
            b.ItemCount = 0; b.DiscountShare = 0; b.Engagement = 0; b.TopCategoryId = null; b.ComputedAt = now;
        }
        foreach (var o in orders)
        {
            var b = behaviour[o.Key];
            b.OrderCount = o.Count;
            b.TotalSpend = Math.Round((decimal)o.Spend, 2);
            b.AverageOrderValue = Math.Round((decimal)(o.Spend / o.Count), 2);
            b.FirstOrderAt = o.First;
            b.LastOrderAt = o.Last;
            b.DiscountShare = Math.Round((double)o.Discounted / o.Count, 4);
            b.ItemCount = items.GetValueOrDefault(o.Key);
        }
        foreach (var top in categories.GroupBy(c => c.CustomerId))
            behaviour[top.Key].TopCategoryId = top.OrderByDescending(c => c.Quantity).ThenBy(c => c.CategoryId).First().CategoryId;
        foreach (var id in ids)
            if (engagement.TryGetValue(id, out var e) && behaviour.TryGetValue(id, out var b))
                b.Engagement = e.Exposures == 0 ? 0 : Math.Round(Math.Min(1, (double)e.Responses / e.Exposures), 4);
    }
}
