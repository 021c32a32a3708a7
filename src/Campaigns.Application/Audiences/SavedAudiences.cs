using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Audiences;

/// <summary>The audiences page: every campaign's saved audience, and the customer base by segment to build the next one from.</summary>
public sealed class SavedAudiences(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <summary>The saved audiences, newest first.</summary>
    public async Task<List<SavedAudience>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from a in db.Audiences.AsNoTracking()
                      join c in db.Campaigns on a.CampaignId equals c.Id
                      orderby a.CreatedAt descending
                      select new SavedAudience(a.CampaignId, c.Name, a.Selection, a.Eligible, a.Targeted, a.RandomCell, a.PutOff, a.ExpectedProfit, a.CreatedAt)).ToListAsync(ct);
    }

    /// <summary>The customer base by region and device.</summary>
    public async Task<List<CustomerSegment>> SegmentsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Customers.GroupBy(c => new { c.Region, c.Device })
            .Select(g => new
            {
                g.Key.Region, g.Key.Device, Customers = g.Count(), Buyers = g.Count(c => c.Behaviour.OrderCount > 0),
                AvgOrders = g.Average(c => (double)c.Behaviour.OrderCount), AvgSpend = g.Average(c => (double)c.Behaviour.TotalSpend),
                DiscountShare = g.Average(c => c.Behaviour.DiscountShare),
            }).ToListAsync(ct);
        return rows.Select(r => new CustomerSegment(r.Region, r.Device, r.Customers, r.Buyers, r.AvgOrders, r.AvgSpend, r.DiscountShare))
            .OrderBy(s => s.Region).ThenBy(s => s.Device).ToList();
    }
}
