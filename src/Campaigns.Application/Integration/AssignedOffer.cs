using System.Text.Json.Serialization;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Integration;

/// <summary>The offer an assigned customer gets, with its terms and coupon code, as the storefront applies it.</summary>
/// <param name="Name">The terms in words (e.g. "20% off", "€5 off over €40").</param>
/// <param name="Type">By name, whoever reads it (a client without the API's enum converter too).</param>
public sealed record AssignedOffer(string Name, [property: JsonConverter(typeof(JsonStringEnumConverter<PromotionType>))] PromotionType? Type, decimal? PercentOff, decimal? AmountOff, decimal MinimumSpend,
    int? BundleBuy, int? BundleGet, Guid? CategoryId, string? CouponCode)
{
    public static AssignedOffer Of(Promotion offer, Func<decimal, string> money) =>
        new(offer.Describe(money), offer.Type, offer.PercentOff, offer.AmountOff, offer.MinimumSpend, offer.BundleBuy, offer.BundleGet, offer.CategoryId, offer.CouponCode);
}
