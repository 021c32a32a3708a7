using Campaigns.Application.Audiences;
using Campaigns.Application.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Copy;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Offers;

/// <summary>
/// Turns a depth range into the campaign's candidate offers: every depth of its percent-off (or amount-off) offer, with
/// that offer's other terms, replaces the campaign's offers of that type; offers of other types stay. The offer plan
/// then prices each depth on each customer, and its saved audience names each customer's depth by position, which the
/// launch's arms and the assignment API already read (decision 0047): a depth is an offer, not a new concept.
/// </summary>
public sealed class DiscountDepthService(CampaignsDbContext db, MoneyFormat money)
{
    public async Task<Result<Campaign>> ApplyAsync(Guid campaignId, DepthRange range, string user, CancellationToken ct = default)
    {
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return Result<Campaign>.NotFound("The campaign no longer exists.");
        if (!campaign.IsEditable) return Result<Campaign>.Refused($"A campaign that is {campaign.Status.InSentence()} cannot change its offers.");
        if (DepthRange.TemplateOf(campaign) is not { } template)
            return Result<Campaign>.Refused("The campaign has no percent-off or amount-off offer whose depth could be chosen.");
        if (range.Validate(template) is { Count: > 0 } errors) return Result<Campaign>.Invalid(errors);
        if (await CopySuggestionService.Chosen(db, campaignId).AnyAsync(ct)) return Result<Campaign>.Refused(Campaign.OffersNotCopy);

        var before = string.Join(", ", campaign.Offers.Select(o => o.Describe(money.Format)));
        var depths = range.Depths(template).Select(d => AtDepth(template, d)).ToList();
        // The depths take the template's place; the campaign's other offers of the same type are the range's to replace.
        var offers = campaign.Offers.SelectMany(o => o == template ? depths : o.Type == template.Type ? [] : [o]).ToList();
        campaign.Promotion = offers[0];
        campaign.AlternativeOffers = offers[1..];
        if (CampaignRules.Validate(campaign) is { Count: > 0 } rules) return Result<Campaign>.Refused(string.Join(" ", rules.Select(e => e.Message)));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dropped = await AudienceReplacement.DropOfferPlanAsync(db, campaignId, ct);
        campaign.UpdatedAt = DateTime.UtcNow;
        campaign.ConcurrencyStamp = Guid.NewGuid();
        var after = string.Join(", ", campaign.Offers.Select(o => o.Describe(money.Format)));
        db.Audit(user, "campaign.edit", nameof(Campaign), campaign.Id, $"Depth chosen per customer: {before} → {after}" + (dropped ? "; the saved offer plan was removed" : ""));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<Campaign>.Refused("Someone else changed this campaign at the same moment. Reload and try again.");
        }
        await tx.CommitAsync(ct);
        return Result<Campaign>.Done(campaign, $"The campaign now tests {depths.Count} depths: {string.Join(", ", depths.Select(d => d.Describe(money.Format)))}."
            + (dropped ? " Its saved offer plan named the old offers and was removed: plan again." : " Plan the offers to choose each customer's depth."));
    }

    /// <summary>The template's terms at one depth; a coupon code gets the depth as its suffix, as each offer needs its own.</summary>
    private static Promotion AtDepth(Promotion template, decimal depth) => new()
    {
        Type = template.Type,
        PercentOff = template.Type == PromotionType.PercentDiscount ? depth : null,
        AmountOff = template.Type == PromotionType.FixedAmountOff ? depth : null,
        MinimumSpend = template.MinimumSpend,
        CategoryId = template.CategoryId,
        Channel = template.Channel,
        CouponCode = template.CouponCode is { Length: > 0 } code ? $"{TrimDepth(code)}-{depth:0.##}".Replace('.', '-') : null,
    };

    /// <summary>"SPRING-20" → "SPRING": a code that already ends in a number names the old depth.</summary>
    private static string TrimDepth(string code) =>
        code.LastIndexOf('-') is var dash and > 0 && code[(dash + 1)..].All(char.IsAsciiDigit) ? code[..dash] : code;
}
