namespace Campaigns.Application.Campaigns;

/// <summary>One offer of a <see cref="CampaignRequest"/>: its type (percentDiscount, fixedAmountOff, freeShipping, bundle) and the terms that type needs.</summary>
public sealed record OfferRequest(
    string? Type, decimal? PercentOff = null, decimal? AmountOff = null, int? BundleBuy = null, int? BundleGet = null,
    decimal? MinimumSpend = null, string? CouponCode = null, Guid? CategoryId = null);
