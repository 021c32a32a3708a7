using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Targeting;

/// <summary>The store-wide figures an offer is priced with, aggregated in the database from the catalogue and orders.</summary>
public sealed record StoreEconomics(double MarginRate, double AverageOrderValue, double AverageItemPrice, TargetingOptions Options)
{
    public static async Task<StoreEconomics> ReadAsync(CampaignsDbContext db, TargetingOptions options, CancellationToken ct)
    {
        var active = db.Products.Where(p => p.IsActive);
        var count = await active.CountAsync(ct);
        var (price, cost) = count == 0 ? (0, 0) : (await active.SumAsync(p => (double)p.Price, ct), await active.SumAsync(p => (double)p.Cost, ct));
        var aov = await db.Orders.Select(o => (double?)(double)o.Total).AverageAsync(ct) ?? 0;
        var marginRate = price > 0 ? (price - cost) / price : 0;
        var economics = new StoreEconomics(marginRate, aov, count > 0 ? price / count : 0, options);
        return economics with { Redemption = await OfferRedemption.ReadAsync(db, economics, ct) };
    }

    /// <summary>
    /// By offer type, the share of what the terms give away (<see cref="TermsCost"/>) that the store's orders under such
    /// offers truly gave away (<see cref="OfferRedemption"/>); a type without enough orders is priced on its terms alone.
    /// </summary>
    public IReadOnlyDictionary<PromotionType, double> Redemption { get; init; } = new Dictionary<PromotionType, double>();

    /// <summary>
    /// What one purchase of this basket is worth to the store: its margin, less what the offer gives away on it (no offer:
    /// the margin alone). The offer model's plan and its evaluation price every purchase with this.
    /// </summary>
    public double PurchaseValue(Promotion? offer, double basket) => MarginRate * basket - (offer is null ? 0 : CostOn(offer, basket));

    /// <summary>
    /// What a purchase the promotion causes is worth beyond its own margin when the audience weighs retention value: the
    /// margin on the customer's predicted next-year spend, the share of it their churn risk puts in doubt, and the share of
    /// that a caused purchase keeps (<see cref="TargetingOptions.RetentionCredit"/>). A customer without predictions adds nothing.
    /// Audience targeting and the offer plan both add it to every purchase the promotion causes.
    /// </summary>
    public double RetentionValue(RetentionOutlook? outlook) =>
        outlook is { } o ? MarginRate * Math.Max(0, o.PredictedValue) * Math.Clamp(o.ChurnRisk, 0, 1) * Options.RetentionCredit : 0;

    /// <summary>
    /// What the customer pays for a basket (its value before the offer, without shipping): the basket less what the offer
    /// gives away, plus the shipping fee under the free-shipping threshold (which free shipping gives away).
    /// </summary>
    public double Paid(Promotion? offer, double basket) => basket + ShippingOn(basket) - (offer is null ? 0 : CostOn(offer, basket));

    /// <summary>The shipping fee the store charges on a basket without an offer.</summary>
    public double ShippingOn(double basket) => basket >= (double)Options.FreeShippingFrom ? 0 : (double)Options.ShippingFee;

    /// <summary>
    /// The basket an order was priced on, from what its customer paid with this offer (the inverse of <see cref="Paid"/>):
    /// conversions report the amount paid, after the discount and with shipping, while offers are priced on the basket
    /// before them, so a purchase at 20% off reports a fifth less than the basket its discount was taken from. Where two
    /// baskets pay the same (either side of the free-shipping threshold), either; where no positive basket does (paid below
    /// the shipping fee), the amount paid.
    /// </summary>
    public double BasketPaying(Promotion? offer, double paid)
    {
        // Paid(b) grows with b at a slope of at least 1 − (the offer's share), so b ← b + (paid − Paid(b)) closes in on it.
        var basket = paid;
        for (var step = 0; step < 1000; step++)
        {
            var next = basket + (paid - Paid(offer, basket));
            if (next <= 0) return paid;
            if (Math.Abs(next - basket) < 1e-10) return next;
            basket = next;
        }
        return basket;
    }

    /// <summary>
    /// What the offer gives away on an order of this value: what its terms give (<see cref="TermsCost"/>) at the share the
    /// store's orders show they are taken up (<see cref="Redemption"/>). A buy-2-get-1 bought with two items gives nothing.
    /// </summary>
    public double CostOn(Promotion promotion, double orderValue) => TermsCost(promotion, orderValue) * TakeUp(promotion);

    /// <summary>The share of what its terms give that the offer is priced to give away: its type's <see cref="Redemption"/>, else all.</summary>
    public double TakeUp(Promotion promotion) => promotion.Type is { } type && Redemption.TryGetValue(type, out var share) ? share : 1;

    /// <summary>
    /// What the offer's terms give away on an order of this value (the discount, or the shipping fee it waives). A purchase
    /// made with a bundle holds at least one bundle, so its free items are priced at the basket's own item price when the
    /// basket is smaller than a bundle of the catalogue's average items (without that average: as exactly one bundle).
    /// </summary>
    public double TermsCost(Promotion promotion, double orderValue)
    {
        var value = (decimal)orderValue;
        var shipping = value >= Options.FreeShippingFrom ? 0 : Options.ShippingFee;
        var itemPrice = Math.Max(0.01, AverageItemPrice);
        if (promotion is { Type: PromotionType.Bundle, BundleBuy: > 0 and var buy, BundleGet: > 0 and var get } && orderValue > 0)
            itemPrice = orderValue / Math.Max(buy + get, AverageItemPrice > 0 ? orderValue / AverageItemPrice : 0);
        return (double)promotion.CostOn(value, shipping, (decimal)itemPrice);
    }
}
