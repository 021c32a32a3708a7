using System.Runtime.CompilerServices;
using Campaigns.Application.Customers;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Audiences;

/// <summary>Saved audiences: the list of every campaign's, one's members for a sender, and the customer base by segment to build the next one from.</summary>
public sealed class SavedAudiences(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <summary>The saved audiences, newest first.</summary>
    public async Task<List<SavedAudience>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Summaries(db, campaignId: null).ToListAsync(ct);
    }

    /// <summary>The campaign's saved audience as the list shows it; null when it has none.</summary>
    public async Task<SavedAudience?> OfCampaignAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Summaries(db, campaignId).SingleOrDefaultAsync(ct);
    }

    /// <summary>Every saved audience (null) or the campaign's, newest first.</summary>
    private static IQueryable<SavedAudience> Summaries(CampaignsDbContext db, Guid? campaignId) =>
        from a in db.Audiences.AsNoTracking()
        join c in db.Campaigns on a.CampaignId equals c.Id
        where campaignId == null || a.CampaignId == campaignId
        orderby a.CreatedAt descending
        select new SavedAudience(a.CampaignId, c.Name, a.Selection, a.Eligible, a.Targeted, a.RandomCell, a.PutOff, a.ExpectedProfit, a.CreatedAt, a.CreatedBy);

    /// <summary>The id of the campaign's saved audience; null when it has none.</summary>
    public async Task<Guid?> AudienceOfAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Audiences.AsNoTracking().Where(a => a.CampaignId == campaignId).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>An audience's members, best first, streamed from the database so a million of them never sit in memory.</summary>
    public async IAsyncEnumerable<AudienceExportRow> MembersAsync(Guid audienceId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A catalogue has few categories: their names are read once, not joined three times per member.
        var names = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        // Product names likewise, once: the stream holds the connection, so none can be looked up while it runs.
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var bestSeller = await RecommendedProduct.BestSellerAsync(db, ct);
        var rows = from m in db.AudienceMembers.AsNoTracking()
                   where m.AudienceId == audienceId
                   join c in db.Customers on m.CustomerId equals c.Id
                   orderby m.Rank
                   select new
                   {
                       Row = new AudienceExportRow(c.ExternalId, c.Email, m.Cell, m.Rank, m.PredictedUplift, m.ExpectedProfit,
                           c.Score == null ? null : c.Score.ChurnRisk, c.Score == null ? null : c.Score.PurchaseProbability,
                           c.Score == null ? null : c.Score.PredictedValue, c.Score == null ? null : c.Score.Persona, null),
                       First = c.Score == null ? null : c.Score.TopCategory1Id,
                       Second = c.Score == null ? null : c.Score.TopCategory2Id,
                       Third = c.Score == null ? null : c.Score.TopCategory3Id,
                       Products = c.Score == null ? null : c.Score.TopProductIds,
                   };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            yield return r.Row with
            {
                TopCategories = CategoryNames.Of(names, r.First, r.Second, r.Third),
                RecommendedProduct = (RecommendedProduct.FirstOf(r.Products) ?? bestSeller) is { } product ? products.GetValueOrDefault(product) : null,
            };
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
