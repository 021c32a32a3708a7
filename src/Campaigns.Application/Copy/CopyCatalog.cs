using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>The copy library: past and chosen copy with the impressions and clicks it received.</summary>
public sealed class CopyCatalog(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <summary>One page of the copy on a channel (every channel when null), the best click-through first.</summary>
    public async Task<CopyPage> PageAsync(Channel? channel, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.CopyVariants.AsNoTracking();
        if (channel is { } ch) q = q.Where(c => c.Channel == ch);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(c => c.Impressions == 0 ? 0 : (double)c.Clicks / c.Impressions)
            .Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return new CopyPage(total, items);
    }
}
