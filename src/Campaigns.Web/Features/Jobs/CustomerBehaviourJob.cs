using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Jobs;

/// <summary>
/// Recomputes customers' behaviour aggregates (frequency, spend, recency, discount share, engagement, top
/// category) page by page, from aggregates computed in the database; with a "since" date only customers with
/// new orders or events are touched.
/// </summary>
public sealed class CustomerBehaviourJob(CampaignsDbContext db) : IJob
{
    public const string Kind = "customer-behaviour";
    private const int PageSize = 2000;

    public sealed class Parameters
    {
        public DateTime? ChangedSince { get; set; }
    }

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        var since = context.Parameters<Parameters>().ChangedSince;
        await context.ReportAsync("Reading engagement", 0);
        // Events are indexed for ingestion and results (by experiment), not by customer: read them in one pass.
        var engagement = await db.Events.GroupBy(e => e.CustomerId)
            .Select(g => new Engagement(g.Key, g.Count(e => e.Type == EventType.Exposure), g.Count(e => e.Type != EventType.Exposure), g.Max(e => e.OccurredAt)))
            .ToDictionaryAsync(e => e.CustomerId, ct);
        var customers = db.Customers.AsQueryable();
        if (since is { } s)
        {
            var recentlyEngaged = engagement.Values.Where(e => e.Last >= s).Select(e => e.CustomerId).ToList();
            customers = customers.Where(c => db.Orders.Any(o => o.CustomerId == c.Id && o.PlacedAt >= s) || recentlyEngaged.Contains(c.Id));
        }
        var total = await customers.CountAsync(ct);
        var done = 0;
        while (true)
        {
            var page = await customers.OrderBy(c => c.Id).Skip(done).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            await RecomputeAsync(page.Select(c => c.Id).ToList(), page.ToDictionary(c => c.Id, c => c.Behaviour), engagement, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += page.Count;
            await context.ReportAsync($"Customers {done:N0} of {total:N0}", 100.0 * done / Math.Max(1, total));
        }
        return $"Recomputed behaviour of {done:N0} customers.";
    }

    private sealed record Engagement(Guid CustomerId, int Exposures, int Responses, DateTime Last);

    private async Task RecomputeAsync(List<Guid> ids, Dictionary<Guid, Domain.Customers.CustomerBehaviour> behaviour,
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

        var now = DateTime.UtcNow;
        foreach (var b in behaviour.Values)
        {
            b.OrderCount = 0; b.TotalSpend = 0; b.AverageOrderValue = 0; b.FirstOrderAt = null; b.LastOrderAt = null;
            b.DiscountShare = 0; b.Engagement = 0; b.TopCategoryId = null; b.ComputedAt = now;
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
        }
        foreach (var top in categories.GroupBy(c => c.CustomerId))
            behaviour[top.Key].TopCategoryId = top.OrderByDescending(c => c.Quantity).ThenBy(c => c.CategoryId).First().CategoryId;
        foreach (var id in ids)
            if (engagement.TryGetValue(id, out var e))
                behaviour[id].Engagement = e.Exposures == 0 ? 0 : Math.Round(Math.Min(1, (double)e.Responses / e.Exposures), 4);
    }
}
