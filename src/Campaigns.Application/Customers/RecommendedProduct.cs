using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Customers;

/// <summary>
/// The product a sender merges into copy's "[Recommended product]" for one customer: the first of their stored top
/// products, or the store's best seller for a customer not scored yet, so a personalized line never goes out with a blank.
/// </summary>
public static class RecommendedProduct
{
    /// <summary>The first id of a score's comma-separated top products; null when it has none.</summary>
    public static Guid? FirstOf(string? topProductIds) =>
        topProductIds?.Split(',', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] && Guid.TryParse(first, out var id) ? id : null;

    /// <summary>The product ordered in the most units (ties by id, so the answer is stable); null for a store without orders.</summary>
    public static async Task<Guid?> BestSellerAsync(CampaignsDbContext db, CancellationToken ct) =>
        await db.OrderLines.AsNoTracking().GroupBy(l => l.ProductId).OrderByDescending(g => g.Sum(l => l.Quantity)).ThenBy(g => g.Key)
            .Select(g => (Guid?)g.Key).FirstOrDefaultAsync(ct);
}
