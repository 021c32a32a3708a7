using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;

namespace Campaigns.Domain.Tests.Campaigns;

public class MultiOfferCampaignTests
{
    private static string Money(decimal amount) => $"€{amount:0.##}";

    internal static Campaign ThreeOffers()
    {
        var c = CampaignRulesTests.Valid();
        c.AlternativeOffers =
        [
            new Promotion { Type = PromotionType.FreeShipping, Channel = Channel.Email, CouponCode = "SHIP-FREE" },
            new Promotion { Type = PromotionType.FixedAmountOff, AmountOff = 5, MinimumSpend = 40, Channel = Channel.Email },
        ];
        return c;
    }

    private static Campaign Approved(Campaign c)
    {
        c.Submit("marketer");
        c.Approve("boss", null, []);
        return c;
    }

    [Fact]
    public void The_offers_are_the_promotion_then_the_alternatives_in_order()
    {
        var c = ThreeOffers();
        Assert.Equal(["20% off", "Free shipping", "5 off over 40"], c.Offers.Select(o => o.Describe()));
        Assert.True(c.HasSeveralOffers);
        Assert.Empty(CampaignRules.Validate(c));
    }

    [Fact]
    public void Each_alternative_offer_is_checked_like_the_main_one_and_its_errors_name_its_position()
    {
        var c = ThreeOffers();
        c.AlternativeOffers[1].AmountOff = 50;
        c.AlternativeOffers[0].CouponCode = "bad code";
        var errors = CampaignRules.Validate(c);
        Assert.Equal(["Offers[1].CouponCode", "Offers[2].AmountOff"], errors.Select(e => e.Field).Order());
        Assert.Contains("below the minimum spend", errors.Single(e => e.Field == "Offers[2].AmountOff").Message);
    }

    [Fact]
    public void Two_offers_with_the_same_terms_are_refused_on_the_later_one()
    {
        var c = ThreeOffers();
        c.AlternativeOffers.Add(new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Email });
        var error = Assert.Single(CampaignRules.Validate(c));
        Assert.Equal("Offers[3].Type", error.Field);
        Assert.Equal("Offer 4 has the same terms as offer 1 (20% off): change them or remove it.", error.Message);
    }

    [Fact]
    public void Every_offer_goes_out_on_the_campaigns_channel_with_its_own_coupon_code()
    {
        var c = ThreeOffers();
        c.AlternativeOffers[0].Channel = Channel.Push;
        c.AlternativeOffers[1].CouponCode = "SPRING-20";
        var errors = CampaignRules.Validate(c);
        Assert.Equal(["Offers[1].Channel", "Offers[2].CouponCode"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void A_campaign_tests_at_most_five_offers()
    {
        var c = ThreeOffers();
        c.AlternativeOffers.Add(new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Email });
        c.AlternativeOffers.Add(new Promotion { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1, Channel = Channel.Email });
        Assert.Equal(Campaign.MaxOffers, c.Offers.Count);
        Assert.Empty(CampaignRules.Validate(c));

        c.AlternativeOffers.Add(new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 30, Channel = Channel.Email });
        var error = Assert.Single(CampaignRules.Validate(c));
        Assert.Equal(nameof(Campaign.Offers), error.Field);
        Assert.Equal("A campaign tests at most 5 offers; remove 1.", error.Message);
    }

    [Fact]
    public void A_launch_without_a_plan_splits_the_treated_customers_evenly_across_the_offers_each_arm_carrying_its_terms()
    {
        var c = Approved(ThreeOffers());

        var experiment = c.Launch(0.1, [], Money);

        Assert.Equal(["Holdout", "20% off", "Free shipping", "€5 off over €40"], experiment.Arms.Select(a => a.Name));
        Assert.Equal([0.1, 0.3, 0.3, 0.3], experiment.Arms.Select(a => Math.Round(a.Allocation, 10)));
        Assert.Equal([0, 1, 2, 3], experiment.Arms.Select(a => a.Position));
        Assert.DoesNotContain(experiment.Arms, a => a.IsModelChoice);
        Assert.Equal(c.Offers.Select(o => o.Describe()), experiment.Arms.Skip(1).Select(a => a.Offer(c.Promotion).Describe()));
        Assert.Equal("SHIP-FREE", experiment.Arms[2].Offer(c.Promotion).CouponCode);
    }

    [Fact]
    public void A_launch_with_a_plan_gives_half_the_treated_customers_to_the_models_choice_and_half_across_the_offers()
    {
        var c = Approved(ThreeOffers());

        var experiment = c.Launch(0.2, [], Money, modelChoice: true);

        Assert.Equal(["Holdout", "20% off", "Free shipping", "€5 off over €40", "Model's choice"], experiment.Arms.Select(a => a.Name));
        Assert.Equal([0.2, 0.133333, 0.133333, 0.133333, 0.4], experiment.Arms.Select(a => Math.Round(a.Allocation, 6)));
        var modelChoice = experiment.Arms[^1];
        Assert.True(modelChoice.IsModelChoice);
        Assert.False(modelChoice.IsControl);
        Assert.Null(modelChoice.PromotionOverrideJson);
        Assert.Equal(1.0, experiment.Arms.Sum(a => a.Allocation), 10);
    }

    [Fact]
    public void A_campaign_with_several_offers_launches_without_copy_and_only_it_has_a_models_choice()
    {
        var multi = ThreeOffers();
        multi.Submit("marketer");
        CopyVariant[] copy = [new() { Headline = "Take 20% off" }];
        multi.Approve("boss", null, copy);
        Assert.Equal(Campaign.OffersNotCopy, Assert.Throws<DomainException>(() => multi.Launch(0.1, copy, Money)).Message);

        var single = Approved(CampaignRulesTests.Valid());
        Assert.Throws<DomainException>(() => single.Launch(0.1, [], Money, modelChoice: true));
        Assert.Equal(CampaignStatus.Approved, single.Status);
        Assert.Equal(["Holdout", "20% off"], single.Launch(0.1, [], Money).Arms.Select(a => a.Name));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_shares_the_launch_plan_sizes_are_the_allocations_the_launch_makes(bool modelChoice)
    {
        var c = Approved(ThreeOffers());

        var planned = c.TreatedArmShares(0.2, copyVariants: 0, modelChoice);
        var launched = c.Launch(0.2, [], Money, modelChoice).Arms.Where(a => !a.IsControl).Select(a => a.Allocation);

        Assert.Equal(launched, planned);
        Assert.Equal(modelChoice ? 4 : 3, planned.Count);
    }

    [Fact]
    public void Two_blank_offers_each_get_one_message_and_are_not_also_called_twins()
    {
        var c = CampaignRulesTests.Valid();
        c.AlternativeOffers = [new Promotion { Channel = Channel.Email }, new Promotion { Channel = Channel.Email }];

        var errors = CampaignRules.Validate(c);

        Assert.Equal([("Offers[1].PercentOff", "Enter the percentage off."), ("Offers[2].PercentOff", "Enter the percentage off.")], errors.Select(e => (e.Field, e.Message)));
    }
}
