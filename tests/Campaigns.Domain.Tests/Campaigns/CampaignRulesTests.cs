using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Tests.Campaigns;

public class CampaignRulesTests
{
    internal static Campaign Valid() => new()
    {
        Name = "Spring sale",
        CreatedBy = "m@x",
        StartsAt = new DateTime(2026, 3, 1),
        EndsAt = new DateTime(2026, 3, 15),
        Budget = 1000,
        Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Email, CouponCode = "SPRING-20" },
    };

    [Fact]
    public void A_complete_campaign_has_no_errors() => Assert.Empty(CampaignRules.Validate(Valid()));

    [Fact]
    public void An_end_date_before_the_start_is_reported_on_the_end_date()
    {
        var c = Valid();
        c.EndsAt = c.StartsAt.AddDays(-1);
        var error = Assert.Single(CampaignRules.Validate(c));
        Assert.Equal(nameof(Campaign.EndsAt), error.Field);
        Assert.Contains("after the start", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(95)]
    public void A_percentage_outside_1_to_90_is_refused(decimal percent)
    {
        var c = Valid();
        c.Promotion.PercentOff = percent;
        Assert.Equal(nameof(Promotion.PercentOff), Assert.Single(CampaignRules.Validate(c)).Field);
    }

    [Fact]
    public void A_missing_name_and_zero_budget_are_both_reported()
    {
        var c = Valid();
        c.Name = " ";
        c.Budget = 0;
        Assert.Equal([nameof(Campaign.Name), nameof(Campaign.Budget)], CampaignRules.Validate(c).Select(e => e.Field));
    }

    [Theory]
    [InlineData("spring")]
    [InlineData("A")]
    [InlineData("WAY-TOO-LONG-COUPON-CODE-1")]
    public void Coupon_codes_must_be_capitals_digits_and_dashes(string code)
    {
        var c = Valid();
        c.Promotion.CouponCode = code;
        Assert.Equal(nameof(Promotion.CouponCode), Assert.Single(CampaignRules.Validate(c)).Field);
    }

    [Fact]
    public void An_amount_off_at_or_above_the_minimum_spend_is_refused()
    {
        var c = Valid();
        c.Promotion = new Promotion { Type = PromotionType.FixedAmountOff, AmountOff = 50, MinimumSpend = 50 };
        Assert.Equal(nameof(Promotion.AmountOff), Assert.Single(CampaignRules.Validate(c)).Field);
    }

    [Fact]
    public void A_bundle_needs_both_quantities()
    {
        var c = Valid();
        c.Promotion = new Promotion { Type = PromotionType.Bundle, BundleBuy = 2 };
        Assert.Equal(nameof(Promotion.BundleGet), Assert.Single(CampaignRules.Validate(c)).Field);
    }

    [Fact]
    public void The_cost_of_an_offer_follows_its_terms()
    {
        Assert.Equal(20m, new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20 }.CostOn(100, 5, 25));
        Assert.Equal(0m, new Promotion { Type = PromotionType.FixedAmountOff, AmountOff = 10, MinimumSpend = 50 }.CostOn(40, 5, 20));
        Assert.Equal(5m, new Promotion { Type = PromotionType.FreeShipping }.CostOn(40, 5, 20));
        Assert.Equal(20m, new Promotion { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1 }.CostOn(60, 0, 20));
    }

    [Fact]
    public void A_negative_budget_is_one_error_on_the_budget_that_says_it_is_negative()
    {
        var c = Valid();
        c.Budget = -50;
        var error = Assert.Single(CampaignRules.Validate(c));
        Assert.Equal((nameof(Campaign.Budget), "The budget cannot be negative (got -50): enter the most the discounts may cost, above zero."), (error.Field, error.Message));
    }
}
