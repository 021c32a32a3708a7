using Campaigns.Analytics.Customers;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Customers;

/// <summary>
/// The store's orders as the customer models read them: customer, day, amount paid, discount, and the product of the
/// order's largest line (its id) with that product's category.
/// </summary>
public static class StoredOrders
{
    /// <summary>Every stored order, streamed into an <see cref="OrderHistory"/> (history customer ids are the customers' ids).</summary>
    public static async Task<OrderHistory> ReadAsync(CampaignsDbContext db, IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        progress?.Report(("Reading orders", 0));
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var categoryOf = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => categories.GetValueOrDefault(p.CategoryId), ct);
        var total = await db.Orders.CountAsync(ct);
        var orders = db.Orders.AsNoTracking().Select(o => new
        {
            o.CustomerId,
            o.PlacedAt,
            // As doubles from the database: SQLite keeps decimals as text, which it converts faster than .NET parses them.
            Total = (double)o.Total,
            Discount = (double)o.Discount,
            Product = o.Lines.OrderByDescending(l => l.UnitPrice * l.Quantity).Select(l => (Guid?)l.ProductId).FirstOrDefault(),
        });
        var builder = new OrderHistory.Builder();
        await foreach (var o in orders.AsAsyncEnumerable().WithCancellation(ct))
        {
            builder.Add(o.CustomerId.ToString(), DateOnly.FromDateTime(o.PlacedAt), o.Total,
                o.Product is { } product ? categoryOf.GetValueOrDefault(product) : null, o.Discount, o.Product?.ToString());
            if (builder.Count % 100_000 == 0) progress?.Report(($"Reading orders ({builder.Count:N0} of {total:N0})", 0.2 * builder.Count / Math.Max(1, total)));
        }
        return builder.Build();
    }
}
