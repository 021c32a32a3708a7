using Campaigns.Data;
using Campaigns.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Importers;

/// <summary>
/// Order lines, one per row, grouped into orders by order id (an order's lines must be next to each other, so a
/// batch never splits an order). Orders upsert on their external id: an order stored with the same lines is left
/// alone, a changed one gets its lines replaced. Customers and products must be imported first.
/// </summary>
internal sealed class OrderImporter(ImportContext context) : Importer<OrderImporter.Line>(context)
{
    private readonly Dictionary<string, long> _orderRows = new(StringComparer.Ordinal);
    private Line? _current;
    private Dictionary<string, Guid>? _products;

    public sealed record Line(ImportRow Source, string OrderKey, string CustomerKey, DateTime PlacedAt, string Sku, int Quantity,
        decimal UnitPrice, decimal Discount, decimal Shipping, string? Coupon) : Item(Source);

    protected override bool SameUnit(Line previous, Line next) => previous.OrderKey == next.OrderKey;

    protected override Line? Parse(ImportRow row)
    {
        var orderKey = row.Required("order_id", 100);
        var customerKey = row.Required("customer_id", 100);
        var placedAt = row.Date("placed_at");
        if (placedAt is null && row.Text("placed_at") is null) row.Problem("placed_at", "the order date is empty.");
        var sku = row.Required("sku", 60);
        var quantity = row.Quantity("quantity");
        var unitPrice = row.Amount("unit_price", "price");
        if (unitPrice is null && row.Text("unit_price") is null) row.Problem("unit_price", "the price is empty.");
        var (discount, shipping, coupon) = (row.Amount("discount", "discount"), row.Amount("shipping", "shipping"), row.Text("coupon_code"));
        if (orderKey is null || customerKey is null || placedAt is null || sku is null || quantity is null || unitPrice is null) return null;

        var line = new Line(row, orderKey, customerKey, placedAt.Value, sku, quantity.Value, unitPrice.Value, discount ?? 0, shipping ?? 0, coupon);
        if (_current?.OrderKey != orderKey)
        {
            if (!_orderRows.TryAdd(orderKey, row.Number))
                row.Problem("order_id", $"order '{orderKey}' already appeared at row {_orderRows[orderKey]}: keep an order's lines next to each other.");
            else _current = line;
        }
        else if (_current.CustomerKey != customerKey)
            row.Problem("customer_id", $"order '{orderKey}' belongs to customer '{_current.CustomerKey}' on its first line (row {_current.Row.Number}).");
        else if (_current.PlacedAt != line.PlacedAt)
            row.Problem("placed_at", $"order '{orderKey}' is dated {row.Show(_current.PlacedAt)} on its first line (row {_current.Row.Number}).");
        return line;
    }

    protected override async Task<BatchOutcome> StoreAsync(List<Line> batch, CancellationToken ct)
    {
        // Catalogues are small next to order history: one dictionary serves the whole import.
        _products ??= await Db.Products.AsNoTracking().ToDictionaryAsync(p => p.Sku, p => p.Id, StringComparer.Ordinal, ct);
        var customers = await CustomerIdsAsync(batch.Select(l => l.CustomerKey), ct);
        var rejected = new List<(ImportRow, RowProblem)>();
        var orders = new List<(Order Order, List<Line> Lines)>();
        foreach (var group in batch.GroupBy(l => l.OrderKey))
        {
            var first = group.First();
            if (!customers.TryGetValue(first.CustomerKey, out var customerId))
            {
                rejected.AddRange(group.Select(l => Reject(l.Row, "customer_id", $"no customer '{first.CustomerKey}' is stored: import the customers first.")));
                continue;
            }
            var lines = new List<Line>();
            foreach (var l in group)
                if (_products.ContainsKey(l.Sku)) lines.Add(l);
                else rejected.Add(Reject(l.Row, "sku", $"no product '{l.Sku}' is stored: import the products first."));
            if (lines.Count == 0) continue;
            var order = new Order { ExternalId = first.OrderKey, CustomerId = customerId, PlacedAt = first.PlacedAt, Shipping = first.Shipping, CouponCode = first.Coupon };
            foreach (var l in lines)
                order.Lines.Add(new OrderLine { OrderId = order.Id, ProductId = _products[l.Sku], Quantity = l.Quantity, UnitPrice = l.UnitPrice, Discount = l.Discount });
            order.Subtotal = order.Lines.Sum(l => l.UnitPrice * l.Quantity);
            order.Discount = order.Lines.Sum(l => l.Discount);
            order.Total = order.Subtotal - order.Discount + order.Shipping;
            order.MainProductId = Order.MainProductOf(order.Lines);
            orders.Add((order, lines));
        }

        // Most orders of a first import are new: find which exist before reading their lines.
        var existing = new List<Guid>();
        foreach (var chunk in orders.Select(o => o.Order.ExternalId!).Chunk(KeysPerQuery))
            existing.AddRange(await Db.Orders.Where(o => chunk.Contains(o.ExternalId)).Select(o => o.Id).ToListAsync(ct));
        var stored = new Dictionary<string, Order>(StringComparer.Ordinal);
        foreach (var chunk in existing.Chunk(KeysPerQuery))
            foreach (var o in await Db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => chunk.Contains(o.Id)).ToListAsync(ct))
                stored[o.ExternalId!] = o;
        var inserts = new List<Order>();
        var changed = new List<(Order Stored, Order Imported)>();
        long inserted = 0, updated = 0, skipped = 0;
        foreach (var (order, lines) in orders)
        {
            if (!stored.TryGetValue(order.ExternalId!, out var old))
            {
                inserts.Add(order);
                inserted += lines.Count;
            }
            else if (Same(old, order)) skipped += lines.Count;
            else
            {
                changed.Add((old, order));
                updated += lines.Count;
                Touched.Add(old.CustomerId);
            }
            Touched.Add(order.CustomerId);
        }
        if (Context.Write)
        {
            await Db.BulkInsertAsync(inserts, ct);
            await Db.BulkInsertAsync(inserts.SelectMany(o => o.Lines), ct);
            foreach (var (old, order) in changed)
            {
                await Db.OrderLines.Where(l => l.OrderId == old.Id).ExecuteDeleteAsync(ct);
                await Db.Orders.Where(o => o.Id == old.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.CustomerId, order.CustomerId).SetProperty(o => o.PlacedAt, order.PlacedAt)
                    .SetProperty(o => o.Subtotal, order.Subtotal).SetProperty(o => o.Discount, order.Discount)
                    .SetProperty(o => o.Shipping, order.Shipping).SetProperty(o => o.Total, order.Total)
                    .SetProperty(o => o.CouponCode, order.CouponCode).SetProperty(o => o.MainProductId, order.MainProductId), ct);
                foreach (var line in order.Lines) line.OrderId = old.Id;
            }
            await Db.BulkInsertAsync(changed.SelectMany(c => c.Imported.Lines), ct);
        }
        return new BatchOutcome(inserted, updated, skipped, rejected);
    }

    private static bool Same(Order stored, Order imported) =>
        stored.CustomerId == imported.CustomerId && stored.PlacedAt == imported.PlacedAt && stored.Shipping == imported.Shipping
        && stored.CouponCode == imported.CouponCode && stored.Lines.Count == imported.Lines.Count
        && Lines(stored).SequenceEqual(Lines(imported));

    private static IEnumerable<(Guid, int, decimal, decimal)> Lines(Order order) =>
        order.Lines.Select(l => (l.ProductId, l.Quantity, l.UnitPrice, l.Discount)).Order();
}
