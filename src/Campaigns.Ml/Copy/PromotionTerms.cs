using System.Globalization;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Ml.Copy;

/// <summary>
/// The real terms of a promotion, as the slots are filled and candidates are checked against them.
/// <see cref="CategoryLimited"/> says the offer applies to <see cref="Category"/> only.
/// </summary>
/// <param name="EndsAt">When the campaign ends (UTC); with <paramref name="SendAt"/> it bounds the urgency copy may state.</param>
/// <param name="SendAt">When the copy is first seen: the campaign's start, or now if it has started. A banner is shown from then to the end.</param>
/// <param name="Store">What the store gives on every order besides the offer (free shipping from a value, its policies); none when null.</param>
/// <param name="OutsideProducts">The catalogue's products outside the category the offer is limited to, which copy must not name.</param>
public sealed record PromotionTerms(PromotionType Type, decimal? PercentOff = null, decimal? AmountOff = null, decimal MinimumSpend = 0,
    int? BundleBuy = null, int? BundleGet = null, string? Code = null, string? Category = null, bool CategoryLimited = false,
    string? Product = null, string? EndDate = null, DateTime? EndsAt = null, DateTime? SendAt = null, StorePromises? Store = null,
    IReadOnlyList<string>? OutsideProducts = null)
{
    /// <param name="now">The current time (UTC): the send time of a campaign that has already started.</param>
    public static PromotionTerms From(Campaign campaign, string? category, string? product, DateTime now, StorePromises store,
        IReadOnlyList<string> outsideProducts)
    {
        var promotion = campaign.Promotion;
        return new(promotion.KnownType, promotion.PercentOff, promotion.AmountOff, promotion.MinimumSpend, promotion.BundleBuy, promotion.BundleGet,
            string.IsNullOrWhiteSpace(promotion.CouponCode) ? null : promotion.CouponCode.Trim(), category, promotion.CategoryId is not null,
            product, campaign.EndsAt.ToString("d MMMM", CultureInfo.InvariantCulture), campaign.EndsAt,
            campaign.StartsAt > now ? campaign.StartsAt : now, store, outsideProducts);
    }

    /// <summary>The time from the send to the campaign's end, during which every urgency claim must hold; null when either is unknown.</summary>
    public TimeSpan? Remaining => EndsAt - SendAt;

    /// <summary>The offer as a phrase, the value of the {discount} slot (lower case; a line starting with it is capitalised).</summary>
    public string Offer => Type switch
    {
        PromotionType.PercentDiscount => $"{Number(PercentOff)}% off",
        PromotionType.FixedAmountOff => $"{Number(AmountOff)} off",
        PromotionType.FreeShipping => "free shipping",
        PromotionType.Bundle => $"buy {BundleBuy} get {BundleGet} free",
        _ => Type.ToString(),
    } + (MinimumSpend > 0 ? $" over {Number(MinimumSpend)}" : "");

    internal static string Number(decimal? value) => (value ?? 0).ToString("0.##", CultureInfo.InvariantCulture);
}
