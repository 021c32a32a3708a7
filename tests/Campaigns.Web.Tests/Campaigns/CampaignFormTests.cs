using Bunit;
using Campaigns.Domain;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Campaigns;

public class CampaignFormTests : ComponentTest
{
    private static Campaign Draft() => new()
    {
        Name = "Summer", CreatedBy = "m", StartsAt = new DateTime(2026, 6, 1), EndsAt = new DateTime(2026, 6, 15), Budget = 500,
        Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Email },
    };

    [Fact]
    public void Saving_an_invalid_campaign_shows_each_message_beside_its_field_and_submits_nothing()
    {
        SignInAs("Marketer");
        var campaign = Draft();
        campaign.Name = "";
        campaign.Budget = 0;
        campaign.Promotion.PercentOff = 120;
        var submitted = 0;
        var form = Render<CampaignFormHost>(p => p.Add(h => h.Campaign, campaign).Add(h => h.OnValidSubmit, _ => { submitted++; return Task.FromResult<IReadOnlyList<FieldError>>([]); }));

        form.Find("[data-testid=save-campaign]").Click();

        Assert.Contains("Give the campaign a name.", form.Markup);
        Assert.Contains("Set a budget above zero", form.Markup);
        Assert.Contains("The discount must be between 1% and 90% (got 120%)", form.Markup);
        Assert.Contains("3 fields need attention.", form.Find("[data-testid=form-error-summary]").TextContent);
        Assert.Equal(0, submitted);
        // The user's input stays in the form.
        Assert.Equal(120, campaign.Promotion.PercentOff);
    }

    [Fact]
    public void A_valid_campaign_is_handed_to_the_store()
    {
        SignInAs("Marketer");
        Campaign? saved = null;
        var form = Render<CampaignFormHost>(p => p.Add(h => h.Campaign, Draft()).Add(h => h.OnValidSubmit, c => { saved = c; return Task.FromResult<IReadOnlyList<FieldError>>([]); }));

        form.Find("[data-testid=save-campaign]").Click();

        Assert.NotNull(saved);
        Assert.Equal("Summer", saved!.Name);
        Assert.Empty(form.FindAll("[data-testid=form-error-summary]"));
    }

    [Fact]
    public void Errors_found_by_the_store_are_shown_too()
    {
        SignInAs("Marketer");
        var form = Render<CampaignFormHost>(p => p.Add(h => h.Campaign, Draft())
            .Add(h => h.OnValidSubmit, _ => Task.FromResult<IReadOnlyList<FieldError>>([new FieldError(nameof(Campaign.Name), "That name is taken.")])));

        form.Find("[data-testid=save-campaign]").Click();

        form.WaitForAssertion(() => Assert.Contains("That name is taken.", form.Markup));
    }

    [Fact]
    public void The_money_fields_show_the_store_currency()
    {
        SignInAs("Marketer");
        var campaign = Draft();
        campaign.Promotion.Type = PromotionType.FixedAmountOff;
        campaign.Promotion.AmountOff = 5;

        var form = Render<CampaignFormHost>(p => p.Add(h => h.Campaign, campaign));

        // Amount off, minimum spend and budget.
        Assert.Equal(["€", "€", "€"], form.FindAll(".mud-input-adornment-start").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void A_negative_budget_says_it_cannot_be_negative_beside_the_budget()
    {
        SignInAs("Marketer");
        var campaign = Draft();
        campaign.Budget = -50;
        var form = Render<CampaignFormHost>(p => p.Add(h => h.Campaign, campaign).Add(h => h.OnValidSubmit, _ => Task.FromResult<IReadOnlyList<FieldError>>([])));

        form.Find("[data-testid=save-campaign]").Click();

        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(form.Markup, "The budget cannot be negative"));
        Assert.DoesNotContain("Set a budget above zero", form.Markup);
    }
}
