using Bunit;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common.Formatting;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Campaigns;

/// <summary>The campaign list over a real database, with the store's currency set in configuration.</summary>
public class CampaignListTests : ComponentTest, IClassFixture<SeededApp>
{
    private readonly SeededApp _store;

    public CampaignListTests(SeededApp store)
    {
        _store = store;
        var options = new DatabaseOptions { ConnectionString = $"Data Source={store.App.DatabasePath}" };
        Context.Services.AddDbContextFactory<CampaignsDbContext>(options.Apply);
        Context.Services.AddScoped<CampaignService>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Currency"] = "GBP" }).Build();
        Context.Services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section));
        Context.Services.AddSingleton<MoneyFormat>();
        SignInAs("Marketer");
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<CampaignListHost> page, Guid id)
    {
        AngleSharp.Dom.IElement? row = null;
        page.WaitForAssertion(() => row = page.FindAll("[data-testid=campaign-table] tbody tr")
            .Single(r => r.QuerySelector($"a[href='campaigns/{id}']") is not null), TimeSpan.FromSeconds(10));
        return row!;
    }

    [Fact]
    public async Task A_budget_is_shown_in_the_currency_from_configuration()
    {
        var campaign = await _store.App.DraftCampaignAsync("marketer@test");

        var row = RowOf(Render<CampaignListHost>(), campaign.Id);

        Assert.Equal("£1,000.00", row.QuerySelector("[data-testid=campaign-budget]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_campaign_with_several_offers_shows_how_many_and_their_terms()
    {
        var service = Context.Services.GetRequiredService<CampaignService>();
        var campaign = (await service.GetAsync((await _store.App.DraftCampaignAsync("marketer@test")).Id))!;
        campaign.AlternativeOffers =
        [
            new Promotion { Type = PromotionType.FreeShipping, Channel = campaign.Promotion.Channel },
            new Promotion { Type = PromotionType.FixedAmountOff, AmountOff = 5, MinimumSpend = 40, Channel = campaign.Promotion.Channel },
        ];
        Assert.True((await service.SaveAsync(campaign, "marketer@test")).Succeeded);

        var row = RowOf(Render<CampaignListHost>(), campaign.Id);

        Assert.Equal($"3 offers: {campaign.Promotion.Describe()}, Free shipping, £5.00 off over £40.00", row.QuerySelector("[data-testid=campaign-offer]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_channel_and_status_read_as_words()
    {
        var campaign = await _store.App.DraftCampaignAsync("marketer@test", Channel.OnsiteBanner);

        var row = RowOf(Render<CampaignListHost>(), campaign.Id);

        Assert.Contains("On-site banner", row.TextContent);
        Assert.DoesNotContain("OnsiteBanner", row.TextContent);
    }

    [Fact]
    public async Task Every_cell_carries_its_column_label_for_the_phone_layout()
    {
        var campaign = await _store.App.DraftCampaignAsync("marketer@test");

        var row = RowOf(Render<CampaignListHost>(), campaign.Id);

        Assert.Equal(["Name", "Offer", "Channel", "Dates", "Budget", "Status"], row.QuerySelectorAll("td").Select(td => td.GetAttribute("data-label")));
    }
}
