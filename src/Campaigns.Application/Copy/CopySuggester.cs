using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>A generated candidate with the ranker's prediction for it.</summary>
public sealed record RankedCandidate(CopyCandidate Candidate, CtrPrediction Prediction);

/// <summary>What the app and the CLI share to suggest copy: a campaign's real terms, and candidates generated then sorted by predicted click-through.</summary>
public static class CopySuggester
{
    /// <summary>Generates candidates under the guardrails and sorts them by the ranker's predicted CTR, best first.</summary>
    public static (GenerationResult Result, IReadOnlyList<RankedCandidate> Ranked) Suggest(CopyGenerator generator, CtrRanker ranker,
        CopyConditions conditions, PromotionTerms terms, GenerationOptions options, CopyGuardrails guardrails) =>
        Suggest(generator, ranker, conditions, terms, options, guardrails, out _);

    /// <param name="generating">How long generation took (the rest is ranking).</param>
    public static (GenerationResult Result, IReadOnlyList<RankedCandidate> Ranked) Suggest(CopyGenerator generator, CtrRanker ranker,
        CopyConditions conditions, PromotionTerms terms, GenerationOptions options, CopyGuardrails guardrails, out TimeSpan generating)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = generator.Generate(conditions, terms, options, guardrails);
        generating = clock.Elapsed;
        var predictions = ranker.Predict(result.Candidates.Select(c => (c.Text, conditions)).ToList());
        var ranked = result.Candidates.Zip(predictions, (c, p) => new RankedCandidate(c, p)).OrderByDescending(r => r.Prediction.Ctr).ToList();
        return (result, ranked);
    }

    /// <summary>The versions that made a batch of suggestions, as the editor and the CLI name them ("generator v3, ranker v2").</summary>
    public static string ModelsText(int generator, int? ranker) => $"generator v{generator}" + (ranker is null ? "" : $", ranker v{ranker}");

    /// <summary>What the store gives on every order besides the offer: free shipping from its threshold, and its policies.</summary>
    public static StorePromises Promises(TargetingOptions shipping, StoreOptions store) => new(shipping.FreeShippingFrom, store.Policies.ToList());

    /// <summary>
    /// The campaign's terms, as of <paramref name="now"/> (UTC, the send time of a started campaign) and with what the
    /// store promises on every order. The featured category is the promotion's own, else <paramref name="categoryName"/>, else none
    /// (copy of a whole-catalogue offer names no category); the featured product is that category's (else the largest
    /// category's) active product with the highest margin.
    /// </summary>
    /// <exception cref="ArgumentException">No category has the given name.</exception>
    public static async Task<PromotionTerms> TermsAsync(CampaignsDbContext db, Campaign campaign, string? categoryName, StorePromises store, DateTime now,
        CancellationToken ct = default)
    {
        var categories = await db.Categories.AsNoTracking().ToListAsync(ct);
        var category = campaign.Promotion.CategoryId is { } limited ? categories.FirstOrDefault(c => c.Id == limited)
            : categoryName is not null ? categories.FirstOrDefault(c => string.Equals(c.Name, categoryName, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"No category is named '{categoryName}'.")
            : null;
        // A whole-catalogue offer names no category: "15% off on women's fashion" would read as an offer limited to it.
        var featured = category?.Id ?? await db.Products.AsNoTracking().GroupBy(p => p.CategoryId).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Select(g => (Guid?)g.Key).FirstOrDefaultAsync(ct);
        var product = (await db.Products.AsNoTracking().Where(p => p.CategoryId == featured && p.IsActive).Select(p => new { p.Name, p.Price, p.Cost }).ToListAsync(ct))
            .OrderByDescending(p => p.Price - p.Cost).ThenBy(p => p.Name).Select(p => p.Name).FirstOrDefault();
        // Copy of a one-category offer must not name a product from another.
        IReadOnlyList<string> outside = campaign.Promotion.CategoryId is { } only
            ? await db.Products.AsNoTracking().Where(p => p.CategoryId != only).Select(p => p.Name).ToListAsync(ct)
            : [];
        return PromotionTerms.From(campaign, category?.Name, product, now, store, outside);
    }
}
