using Campaigns.Domain.Campaigns;

namespace Campaigns.Data.Demo;

/// <summary>
/// How each segment truly responds to each offer and depth, the hidden rules the demo store's campaigns are drawn
/// from. A response depends on the segment and the customer's usual basket, both of which show in the features the
/// targeting model sees, so a model can learn it.
/// </summary>
internal static class DemoTruth
{
    /// <summary>The basket from which the demo store ships for free (the app's default threshold too).</summary>
    public const double FreeShippingFrom = 60;

    /// <summary>Chance of buying in a two-week window with no promotion.</summary>
    public static double BaseRate(DemoSegment segment) => segment switch
    {
        DemoSegment.Loyal => 0.22,
        DemoSegment.DealSeeker => 0.04,
        DemoSegment.SmallBasketMobile or DemoSegment.MultiItem => 0.05,
        DemoSegment.Premium => 0.12,
        _ => 0.012,
    };

    /// <param name="basket">The customer's usual gross basket with no offer.</param>
    public static DemoResponse Response(DemoSegment segment, double basket, Promotion? promotion) => promotion is null
        ? new(BaseRate(segment), basket)
        : new(Math.Clamp(BaseRate(segment) + Effect(segment, basket, promotion), 0, 1), Basket(segment, basket, promotion));

    /// <summary>What the offer does to the chance of buying.</summary>
    private static double Effect(DemoSegment segment, double basket, Promotion promotion)
    {
        var type = promotion.Type;
        var depth = Depth(promotion, basket);
        var byEmail = promotion.Channel == Channel.Email ? 1.0 : 0.5;
        // Free shipping matters little to a basket that ships free anyway.
        var shipping = basket < FreeShippingFrom ? 1.0 : 0.25;
        return segment switch
        {
            DemoSegment.Loyal => type == PromotionType.FreeShipping ? 0.008 * shipping : 0.008,
            // An S-curve in depth: 10% barely moves them, 20% does, 25% almost all it can.
            DemoSegment.DealSeeker => type switch
            {
                PromotionType.PercentDiscount or PromotionType.FixedAmountOff => 0.17 / (1 + Math.Exp(-(depth - 18) / 2.5)),
                PromotionType.FreeShipping => 0.02 * shipping,
                _ => 0.02,
            },
            DemoSegment.SmallBasketMobile => type switch
            {
                PromotionType.FreeShipping => 0.11 * shipping,
                PromotionType.Bundle => 0.02,
                _ => 0.0024 * depth,
            },
            DemoSegment.MultiItem => type switch
            {
                PromotionType.Bundle => 0.15,
                PromotionType.FreeShipping => 0.02 * shipping,
                _ => 0.003 * depth,
            },
            DemoSegment.Premium => -byEmail * type switch
            {
                PromotionType.FreeShipping => 0.015,
                PromotionType.Bundle => 0.03,
                _ => 0.06 * (0.5 + depth / 50),
            },
            _ => 0.003 * type switch
            {
                PromotionType.PercentDiscount or PromotionType.FixedAmountOff => depth / 25,
                PromotionType.FreeShipping => 0.6 * shipping,
                _ => 0.6,
            },
        };
    }

    /// <summary>
    /// How deep a discount is for this customer, in percent of the basket: a percent off as it is, an amount off as its
    /// share of the basket it needs; a third of that when the basket is far (below 60%) from the minimum spend.
    /// </summary>
    private static double Depth(Promotion promotion, double basket)
    {
        var minimum = (double)promotion.MinimumSpend;
        var reach = basket >= 0.6 * minimum ? 1.0 : 1.0 / 3;
        return reach * promotion.Type switch
        {
            PromotionType.PercentDiscount => (double)(promotion.PercentOff ?? 0),
            PromotionType.FixedAmountOff => 100 * (double)(promotion.AmountOff ?? 0) / Math.Max(Math.Max(basket, minimum), 1),
            _ => 0,
        };
    }

    /// <summary>
    /// The gross basket bought under the offer: a basket a little under a minimum spend is stretched to it; a percent off
    /// raises baskets (deal seekers' most); multi-item buyers fill a bundle with items like theirs (about two a basket
    /// otherwise), so buy 2 get 1 makes their basket 1.5 times as large and buy 3 get 1 twice; others' grow 10%.
    /// </summary>
    private static double Basket(DemoSegment segment, double basket, Promotion promotion)
    {
        var minimum = (double)promotion.MinimumSpend;
        var stretched = basket < minimum && basket >= 0.6 * minimum ? 1.05 * minimum : basket;
        return promotion.Type switch
        {
            PromotionType.Bundle => stretched * (segment == DemoSegment.MultiItem ? Math.Max(1.2, ((promotion.BundleBuy ?? 0) + (promotion.BundleGet ?? 0)) / 2.0) : 1.1),
            PromotionType.PercentDiscount => stretched * (1 + Depth(promotion, basket) * (segment == DemoSegment.DealSeeker ? 0.006 : 0.002)),
            _ => stretched,
        };
    }
}
