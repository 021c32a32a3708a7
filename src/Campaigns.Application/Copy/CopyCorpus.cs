using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>
/// What the copy models learn from: every copy line's headline (with its impressions and clicks) and body, and every
/// product's description; the lexicon of product, category and customers' first names; the copy's date range.
/// </summary>
public sealed record CopyCorpus(IReadOnlyList<CopyLine> Lines, IReadOnlyList<CopyLine> Headlines, CopyLexicon Lexicon, DateTime DataFrom, DateTime DataTo)
{
    public static async Task<CopyCorpus> LoadAsync(CampaignsDbContext db, CancellationToken ct = default)
    {
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Sku).Select(p => new { p.Name, p.Description, p.CategoryId }).ToListAsync(ct);
        var copy = await db.CopyVariants.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var names = await db.Customers.AsNoTracking().Select(c => c.FirstName).Distinct().ToListAsync(ct);
        var headlines = new List<CopyLine>();
        var corpus = new List<CopyLine>();
        foreach (var c in copy)
        {
            var category = c.CategoryId is { } id ? categories.GetValueOrDefault(id) : null;
            var headline = new CopyLine(c.Headline, new CopyConditions(CopyConditions.HeadlineChannel(c.Channel), c.PromotionType, category, c.Tone), c.Impressions, c.Clicks);
            corpus.Add(headline);
            if (c.Impressions > 0) headlines.Add(headline);
            if (!string.IsNullOrWhiteSpace(c.Body))
                corpus.Add(new CopyLine(c.Body, new CopyConditions(c.Channel == Channel.Email ? CopyChannel.EmailBody : CopyChannel.Banner, c.PromotionType, category, c.Tone)));
        }
        foreach (var p in products.Where(p => !string.IsNullOrWhiteSpace(p.Description)))
            corpus.Add(new CopyLine(p.Description!, new CopyConditions(CopyChannel.ProductText, PromotionType.PercentDiscount, categories.GetValueOrDefault(p.CategoryId), Tone.Friendly)));
        var lexicon = new CopyLexicon(products.Select(p => p.Name).ToList(), categories.Values.Order().ToList(), names.OfType<string>().Where(n => n.Length > 1).Order().ToList());
        var now = DateTime.UtcNow;
        return new CopyCorpus(corpus, headlines, lexicon, copy.Count > 0 ? copy[0].CreatedAt : now, copy.Count > 0 ? copy[^1].CreatedAt : now);
    }
}
