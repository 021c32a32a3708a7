using Campaigns.Application.Targeting;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Tests.Targeting;

public class StoreEconomicsTests
{
    // A 40% margin, items of 50 on average, shipping 5 under 60.
    private static readonly StoreEconomics Store = new(0.4, 80, 50, new TargetingOptions { ShippingFee = 5, FreeShippingFrom = 60 });

    [Theory]
    [InlineData(100, 20)] // percent off: 20% of the basket
    [InlineData(30, 6)]
    public void A_percent_off_gives_away_its_share_of_the_basket(double basket, double cost) =>
        Assert.Equal(cost, Store.CostOn(new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20 }, basket), 9);

    [Theory]
    [InlineData(50, 10)] // at the minimum spend: the amount
    [InlineData(39.99, 0)] // below it: nothing (the offer does not apply)
    public void An_amount_off_applies_from_its_minimum_spend(double basket, double cost) =>
        Assert.Equal(cost, Store.CostOn(new Promotion { Type = PromotionType.FixedAmountOff, AmountOff = 10, MinimumSpend = 40 }, basket), 9);

    [Theory]
    [InlineData(45, 5)] // under the threshold: the fee forgone
    [InlineData(75, 0)] // ships free anyway
    public void Free_shipping_costs_the_fee_only_on_baskets_under_the_free_shipping_threshold(double basket, double cost) =>
        Assert.Equal(cost, Store.CostOn(new Promotion { Type = PromotionType.FreeShipping }, basket), 9);

    [Theory]
    [InlineData(90, 30)] // smaller than 3 average items: one bundle at the basket's own item price, 90 / 3
    [InlineData(300, 100)] // 6 average items: two bundles, two free items of 50
    public void A_bundle_gives_away_its_free_items_and_a_purchase_with_it_holds_at_least_one_bundle(double basket, double cost) =>
        Assert.Equal(cost, Store.CostOn(new Promotion { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1 }, basket), 9);

    [Fact]
    public void Every_basket_bought_with_a_bundle_gives_away_at_least_one_free_item()
    {
        // A basket is split into items at its own price; rounding must never leave it a hair short of one bundle.
        var bundle = new Promotion { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1 };
        var economics = Store with { AverageItemPrice = 37.21 };
        for (var cents = 100; cents <= 40_000; cents++)
        {
            var basket = cents / 100.0;
            Assert.True(economics.CostOn(bundle, basket) >= Math.Min(basket / 3, 37.21) - 1e-9, $"A basket of {basket} gives away {economics.CostOn(bundle, basket)}.");
        }
    }

    [Fact]
    public void A_purchase_is_worth_its_margin_less_what_the_offer_gives_away()
    {
        Assert.Equal(40, Store.PurchaseValue(null, 100), 9);
        Assert.Equal(20, Store.PurchaseValue(new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20 }, 100), 9);
    }

    [Theory]
    [InlineData(null, 55, 50)] // no offer: shipping paid under 60
    [InlineData(null, 75, 75)]
    [InlineData(20, 80, 100)] // 20% off a basket of 100
    [InlineData(20, 41, 45)] // 20% off 45 (36), plus shipping
    public void A_purchase_is_priced_on_the_basket_its_customer_paid_for(int? percentOff, double paid, double basket)
    {
        var offer = percentOff is { } p ? new Promotion { Type = PromotionType.PercentDiscount, PercentOff = p } : null;
        Assert.Equal(basket, Store.BasketPaying(offer, paid), 6);
        Assert.Equal(paid, Store.Paid(offer, basket), 9);
    }

    [Fact]
    public void Every_amount_paid_under_every_offer_type_comes_from_a_basket_that_pays_it()
    {
        Promotion?[] offers =
        [
            null, new() { Type = PromotionType.PercentDiscount, PercentOff = 25 }, new() { Type = PromotionType.FixedAmountOff, AmountOff = 10, MinimumSpend = 40 },
            new() { Type = PromotionType.FreeShipping }, new() { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1 },
        ];
        foreach (var offer in offers)
            for (var cents = 1_000; cents <= 50_000; cents += 7)
            {
                var paid = cents / 100.0;
                var basket = Store.BasketPaying(offer, paid);
                Assert.True(Math.Abs(Store.Paid(offer, basket) - paid) < 1e-4, $"{offer?.Describe() ?? "No offer"}: a basket of {basket} pays {Store.Paid(offer, basket)}, not {paid}.");
            }
    }

    [Fact]
    public void Retention_value_is_the_margin_on_the_predicted_value_its_churn_risk_puts_in_doubt_times_the_retention_credit()
    {
        // 40% of 300 is 120 of margin next year; 0.5 of it at risk is 60; a caused purchase keeps a quarter of that.
        Assert.Equal(15, Store.RetentionValue(new RetentionOutlook(0.5, 300)), 9);
        Assert.Equal(0.25, new TargetingOptions().RetentionCredit);
        Assert.Equal(30, (Store with { Options = new TargetingOptions { RetentionCredit = 0.5 } }).RetentionValue(new RetentionOutlook(0.5, 300)), 9);
    }

    [Fact]
    public void A_customer_without_predictions_or_without_risk_adds_no_retention_value()
    {
        Assert.Equal(0, Store.RetentionValue(null));
        Assert.Equal(0, Store.RetentionValue(new RetentionOutlook(0, 300)));
        Assert.Equal(0, Store.RetentionValue(new RetentionOutlook(0.8, 0)));
    }
}
