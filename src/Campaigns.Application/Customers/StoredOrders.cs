using Campaigns.Analytics.Customers;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Customers;

/// <summary>
/// The store's orders as the customer models read them: customer, day, amount paid, discount, and the order's main
/// product (its id) with that product's category.
/// </summary>
public static class StoredOrders
{
    /// <summary>Every stored order, streamed into an <see cref="OrderHistory"/> (history customer ids are the customers' ids).</summary>
    public static async Task<OrderHistory> ReadAsync(CampaignsDbContext db, IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        progress?.Report(("Reading orders", 0));
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var categoryOf = (await db.Products.AsNoTracking().Select(p => new { p.Id, p.CategoryId }).ToListAsync(ct))
            .ToDictionary(p => p.Id.ToString(), p => categories.GetValueOrDefault(p.CategoryId), StringComparer.Ordinal);
        var total = await db.Orders.CountAsync(ct);
        var builder = new OrderHistory.Builder();
        await foreach (var o in OrderScan.ReadAsync(db, ct))
        {
            builder.Add(o.Customer, DateOnly.FromDayNumber(o.Day), o.Total, o.Product is { } product ? categoryOf.GetValueOrDefault(product) : null, o.Discount, o.Product);
            if (builder.Count % 100_000 == 0) progress?.Report(($"Reading orders ({builder.Count:N0} of {total:N0})", 0.2 * builder.Count / Math.Max(1, total)));
        }
        return builder.Build();
    }
}
