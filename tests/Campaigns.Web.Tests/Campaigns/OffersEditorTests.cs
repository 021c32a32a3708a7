using Bunit;
using Campaigns.Domain;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Campaigns;

/// <summary>The campaign form's offers: the main one, and up to four more to test against it.</summary>
public class OffersEditorTests : ComponentTest
{
    private static Campaign Draft() => new()
    {
        Name = "Summer", CreatedBy = "m", StartsAt = new DateTime(2026, 6, 1), EndsAt = new DateTime(2026, 6, 15), Budget = 500,
        Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Push, CouponCode = "SUMMER-10" },
    };

    private IRenderedComponent<CampaignFormHost> Form(Campaign campaign, Func<Campaign, Task<IReadOnlyList<FieldError>>>? saved = null)
    {
        SignInAs("Marketer");
        return Render<CampaignFormHost>(p => p.Add(h => h.Campaign, campaign).Add(h => h.OnValidSubmit, saved ?? (_ => Task.FromResult<IReadOnlyList<FieldError>>([]))));
    }

    [Fact]
    public void A_campaign_with_one_offer_shows_it_without_a_count_and_offers_to_add_another()
    {
        var form = Form(Draft());

        Assert.Single(form.FindAll("[data-testid=offer-1]"));
        Assert.Empty(form.FindAll("[data-testid=offer-2]"));
        Assert.Contains("Offer · 10% off", form.Find("[data-testid=offer-1]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=offer-count]"));
        Assert.Empty(form.FindAll("[data-testid=remove-offer-1]"));
        Assert.False(form.Find("[data-testid=add-offer]").HasAttribute("disabled"));
    }

    [Fact]
    public void Added_offers_go_out_on_the_campaigns_channel_and_the_button_stops_at_five()
    {
        var campaign = Draft();
        var form = Form(campaign);

        for (var i = 0; i < 4; i++) form.Find("[data-testid=add-offer]").Click();

        Assert.Equal(Campaign.MaxOffers, campaign.Offers.Count);
        Assert.All(campaign.AlternativeOffers, o => Assert.Equal(Channel.Push, o.Channel));
        Assert.Equal("5 offers tested against each other", form.Find("[data-testid=offer-count]").TextContent);
        Assert.Contains("Offer 5", form.Find("[data-testid=offer-5]").TextContent);
        Assert.True(form.Find("[data-testid=add-offer]").HasAttribute("disabled"));
        Assert.Equal("A campaign tests at most 5 offers: remove one to add another.", form.Find("[data-testid=offers-help]").TextContent.Trim());
    }

    [Fact]
    public void Removing_an_offer_moves_the_later_ones_up_and_frees_the_button()
    {
        var campaign = Draft();
        campaign.AlternativeOffers =
        [
            new Promotion { Type = PromotionType.FreeShipping, Channel = Channel.Push },
            new Promotion { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1, Channel = Channel.Push },
            new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Push },
            new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 30, Channel = Channel.Push },
        ];
        var form = Form(campaign);
        Assert.True(form.Find("[data-testid=add-offer]").HasAttribute("disabled"));

        form.Find("[data-testid=remove-offer-2]").Click();

        Assert.Equal(["10% off", "Buy 2 get 1 free", "20% off", "30% off"], campaign.Offers.Select(o => o.Describe()));
        Assert.Contains("Buy 2 get 1 free", form.Find("[data-testid=offer-2]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=offer-5]"));
        Assert.False(form.Find("[data-testid=add-offer]").HasAttribute("disabled"));
    }

    [Fact]
    public void Each_offers_errors_show_beside_its_own_fields_and_nothing_is_submitted()
    {
        var campaign = Draft();
        var submitted = 0;
        var form = Form(campaign, _ => { submitted++; return Task.FromResult<IReadOnlyList<FieldError>>([]); });
        form.Find("[data-testid=add-offer]").Click();
        form.Find("[data-testid=add-offer]").Click();
        form.Find("[data-testid=offer-3-percent-off]").Change("10");
        form.Find("[data-testid=offer-3-coupon-code]").Change("SUMMER-10");

        form.Find("[data-testid=save-campaign]").Click();

        Assert.Equal(0, submitted);
        Assert.Contains("Enter the percentage off.", form.Find("[data-testid=offer-2]").TextContent);
        var third = form.Find("[data-testid=offer-3]").TextContent;
        Assert.Contains("Offer 3 has the same terms as offer 1 (10% off): change them or remove it.", third);
        Assert.Contains("Offer 1 has this coupon code: give each offer its own", third);
        Assert.DoesNotContain("Enter the percentage off.", form.Find("[data-testid=offer-1]").TextContent);
        Assert.Contains("3 fields need attention.", form.Find("[data-testid=form-error-summary]").TextContent);
    }

    [Fact]
    public void A_valid_campaign_with_three_offers_is_handed_to_the_store_with_them()
    {
        var campaign = Draft();
        Campaign? saved = null;
        var form = Form(campaign, c => { saved = c; return Task.FromResult<IReadOnlyList<FieldError>>([]); });
        form.Find("[data-testid=add-offer]").Click();
        form.Find("[data-testid=offer-2-percent-off]").Change("20");
        form.Find("[data-testid=add-offer]").Click();
        form.Find("[data-testid=offer-3-percent-off]").Change("30");

        form.Find("[data-testid=save-campaign]").Click();

        Assert.NotNull(saved);
        Assert.Equal(["10% off", "20% off", "30% off"], saved!.Offers.Select(o => o.Describe()));
        Assert.Contains("30% off", form.Find("[data-testid=offer-3]").TextContent);
    }

    [Fact]
    public void A_blank_offer_shows_one_message_not_also_that_it_repeats_another_blank_one()
    {
        var form = Form(Draft());
        form.Find("[data-testid=add-offer]").Click();
        form.Find("[data-testid=add-offer]").Click();

        form.Find("[data-testid=save-campaign]").Click();

        foreach (var id in new[] { "offer-2", "offer-3" })
        {
            var offer = form.Find($"[data-testid={id}]").TextContent;
            Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(offer, "Enter the percentage off."));
            Assert.DoesNotContain("has the same terms", offer);
        }
        Assert.Contains("2 fields need attention.", form.Find("[data-testid=form-error-summary]").TextContent);
    }
}
