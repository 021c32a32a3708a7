using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Campaigns;

/// <summary>Catalogue lists for pickers.</summary>
public sealed class CatalogLookup(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public async Task<IReadOnlyList<(Guid Id, string Name)>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }
}
