using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Targeting;

/// <summary>
/// How much of what an offer's terms give away its purchases truly take, learned from the store's orders under past
/// experiments' offers. Terms are a ceiling: a customer sent a buy-2-get-1 who buys two items takes no free item, and a
/// category's percent off applies to that category's lines only. Priced on the terms alone, such an offer looks dearer than
/// the store's own orders show it is, and the plan never sends it.
/// </summary>
public static class OfferRedemption
{
    /// <summary>Fewer orders under a type of offer than this, and it is priced on its terms: a share of a few orders is noise.</summary>
    public const int MinimumOrders = 100;

    /// <summary>
    /// By offer type, what the orders placed under offers of that type (by customers in a promoted arm, converting its
    /// campaign) gave away over what the terms would give on the same baskets, at most 1. What an order gave away is its
    /// discount plus any shipping fee it was spared (stores record free shipping as either).
    /// </summary>
    public static async Task<IReadOnlyDictionary<PromotionType, double>> ReadAsync(CampaignsDbContext db, StoreEconomics economics, CancellationToken ct)
    {
        var arms = await db.Arms.AsNoTracking().Where(a => !a.IsControl && !a.IsModelChoice)
            .Join(db.Experiments, a => a.ExperimentId, e => e.Id, (a, e) => new { Arm = a, e.CampaignId })
            .Join(db.Campaigns, x => x.CampaignId, c => c.Id, (x, c) => new { x.Arm, c.Promotion })
            .ToListAsync(ct);
        var offerOf = arms.ToDictionary(x => x.Arm.Id, x => x.Arm.Offer(x.Promotion));
        // From each experiment's campaign to its orders (few, by index) and on to the customer's arm: not the other way.
        var orders =
            from e in db.Experiments
            join o in db.Orders on (Guid?)e.CampaignId equals o.CampaignId
            join a in db.Assignments on new { ExperimentId = e.Id, o.CustomerId } equals new { a.ExperimentId, a.CustomerId }
            select new { a.ArmId, o.Subtotal, o.Discount, o.Shipping };

        var totals = new Dictionary<PromotionType, (double Terms, double Given, int Orders)>();
        await foreach (var order in orders.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!offerOf.TryGetValue(order.ArmId, out var offer) || offer.Type is not { } type) continue;
            var basket = (double)order.Subtotal;
            var given = (double)order.Discount + Math.Max(0, economics.ShippingOn(basket) - (double)order.Shipping);
            var (terms, sum, count) = totals.GetValueOrDefault(type);
            totals[type] = (terms + economics.TermsCost(offer, basket), sum + given, count + 1);
        }
        return totals.Where(t => t.Value.Orders >= MinimumOrders && t.Value.Terms > 0)
            .ToDictionary(t => t.Key, t => Math.Clamp(t.Value.Given / t.Value.Terms, 0, 1));
    }
}
