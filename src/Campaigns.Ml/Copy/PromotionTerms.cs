using System.Globalization;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Ml.Copy;

/// <summary>
/// The real terms of a promotion, as the slots are filled and candidates are checked against them.
/// <see cref="CategoryLimited"/> says the offer applies to <see cref="Category"/> only.
/// </summary>
public sealed record PromotionTerms(PromotionType Type, decimal? PercentOff = null, decimal? AmountOff = null, decimal MinimumSpend = 0,
    int? BundleBuy = null, int? BundleGet = null, string? Code = null, string? Category = null, bool CategoryLimited = false,
    string? Product = null, string? EndDate = null)
{
    public static PromotionTerms From(Promotion promotion, string? category, string? product, DateTime? endsAt) => new(
        promotion.KnownType, promotion.PercentOff, promotion.AmountOff, promotion.MinimumSpend, promotion.BundleBuy, promotion.BundleGet,
        string.IsNullOrWhiteSpace(promotion.CouponCode) ? null : promotion.CouponCode.Trim(), category, promotion.CategoryId is not null,
        product, endsAt?.ToString("d MMMM", CultureInfo.InvariantCulture));

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
