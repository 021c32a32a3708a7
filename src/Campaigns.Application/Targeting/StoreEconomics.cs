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
        return new StoreEconomics(marginRate, aov, count > 0 ? price / count : 0, options);
    }

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
    /// What the offer gives away on an order of this value (the discount, or the shipping fee it waives). A purchase made
    /// with a bundle holds at least one bundle, so its free items are priced at the basket's own item price when the
    /// basket is smaller than a bundle of the catalogue's average items (without that average: as exactly one bundle).
    /// </summary>
    public double CostOn(Promotion promotion, double orderValue)
    {
        var value = (decimal)orderValue;
        var shipping = value >= Options.FreeShippingFrom ? 0 : Options.ShippingFee;
        var itemPrice = Math.Max(0.01, AverageItemPrice);
        if (promotion is { Type: PromotionType.Bundle, BundleBuy: > 0 and var buy, BundleGet: > 0 and var get } && orderValue > 0)
            itemPrice = orderValue / Math.Max(buy + get, AverageItemPrice > 0 ? orderValue / AverageItemPrice : 0);
        return (double)promotion.CostOn(value, shipping, (decimal)itemPrice);
    }
}
