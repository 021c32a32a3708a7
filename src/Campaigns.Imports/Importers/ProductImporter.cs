using Campaigns.Data;
using Campaigns.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Importers;

/// <summary>Products upserted on their sku; categories are found by name (any case) or created.</summary>
internal sealed class ProductImporter(ImportContext context) : Importer<ProductImporter.Row>(context)
{
    private Dictionary<string, Guid>? _categories;

    public sealed record Row(ImportRow Source, string Sku, string Name, string Category, decimal Price, decimal? Cost, string? Description, bool? Active) : Item(Source);

    protected override Row? Parse(ImportRow row)
    {
        var sku = Key(row, "sku", "product", 60);
        var (name, category) = (row.Required("name"), row.Required("category", 100));
        var price = row.Amount("price", "price");
        if (price is null && row.Text("price") is null) row.Problem("price", "price is empty.");
        var (cost, description, active) = (row.Amount("cost", "cost"), row.Text("description", 2000), row.Flag("active"));
        return sku is null || name is null || category is null || price is null ? null : new Row(row, sku, name, category, price.Value, cost, description, active);
    }

    protected override async Task<BatchOutcome> StoreAsync(List<Row> batch, CancellationToken ct)
    {
        _categories ??= (await Db.Categories.AsNoTracking().ToListAsync(ct)).ToDictionary(c => c.Name, c => c.Id, StringComparer.OrdinalIgnoreCase);
        var newCategories = batch.Select(r => r.Category).Distinct(StringComparer.OrdinalIgnoreCase).Where(c => !_categories.ContainsKey(c))
            .Select(c => new Category { Name = c }).ToList();
        foreach (var c in newCategories) _categories[c.Name] = c.Id;

        var stored = new Dictionary<string, Product>(StringComparer.Ordinal);
        foreach (var chunk in batch.Select(r => r.Sku).Chunk(KeysPerQuery))
            foreach (var p in await Db.Products.Where(p => chunk.Contains(p.Sku)).ToListAsync(ct))
                stored[p.Sku] = p;
        var inserts = new List<Product>();
        foreach (var row in batch)
        {
            if (!stored.TryGetValue(row.Sku, out var product))
                inserts.Add(product = new Product { Sku = row.Sku, Name = row.Name });
            product.Name = row.Name;
            product.CategoryId = _categories[row.Category];
            product.Price = row.Price;
            if (row.Cost is { } cost) product.Cost = cost;
            if (row.Source.Has("description")) product.Description = row.Description;
            if (row.Active is { } active) product.IsActive = active;
        }
        Db.ChangeTracker.DetectChanges();
        var updated = stored.Values.Count(p => Db.Entry(p).State == EntityState.Modified);
        if (Context.Write)
        {
            await Db.BulkInsertAsync(newCategories, ct);
            await Db.BulkInsertAsync(inserts, ct);
            await Db.SaveChangesAsync(ct);
        }
        return new BatchOutcome(inserts.Count, updated, stored.Count - updated, []);
    }
}
