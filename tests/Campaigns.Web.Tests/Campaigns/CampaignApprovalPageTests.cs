using Bunit;
using Campaigns.Application.Audiences;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Copy;
using Campaigns.Application.Experiments;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Campaigns;

/// <summary>The campaign page's approval box for a Manager, over a real database.</summary>
public class CampaignApprovalPageTests : ComponentTest, IClassFixture<SeededApp>
{
    private readonly SeededApp _store;

    public CampaignApprovalPageTests(SeededApp store)
    {
        _store = store;
        var options = new DatabaseOptions { ConnectionString = $"Data Source={store.App.DatabasePath}" };
        Context.Services.AddDbContextFactory<CampaignsDbContext>(options.Apply);
        Context.Services.AddScoped<CampaignService>();
        Context.Services.AddScoped<CopySuggestionService>();
        Context.Services.AddScoped<CatalogLookup>();
        Context.Services.AddScoped<ExperimentDesign>();
        Context.Services.AddScoped<SavedAudiences>();
        SignInAs("Manager");
    }

    private async Task<Guid> SubmittedByAsync(string user)
    {
        var campaign = await _store.App.DraftCampaignAsync(user, Channel.Email, percentOff: 10);
        await using var scope = _store.App.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<CampaignService>().SubmitAsync(campaign.Id, user)).Succeeded);
        return campaign.Id;
    }

    private IRenderedComponent<CampaignEditorHost> RenderEditor(Guid id) => Render<CampaignEditorHost>(p => p.Add(e => e.Id, id));

    [Fact]
    public async Task A_campaign_with_several_offers_shows_them_and_says_it_tests_offers_not_copy()
    {
        var campaign = await _store.App.DraftCampaignAsync("marketer@test", Channel.Email, percentOff: 10);
        await using (var scope = _store.App.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<CampaignService>();
            var edited = (await service.GetAsync(campaign.Id))!;
            edited.AlternativeOffers = [new Promotion { Type = PromotionType.FreeShipping, Channel = Channel.Email }];
            Assert.True((await service.SaveAsync(edited, "marketer@test")).Succeeded);
        }

        var page = RenderEditor(campaign.Id);

        page.WaitForAssertion(() => Assert.Contains("tests its 2 offers against each other, so it carries no copy variants", page.Find("[data-testid=offers-not-copy]").TextContent));
        Assert.Equal("2 offers tested against each other", page.Find("[data-testid=offer-count]").TextContent);
        Assert.Contains("Free shipping", page.Find("[data-testid=offer-2]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=saved-audience]"));
    }

    [Fact]
    public async Task A_saved_offer_plan_shows_on_the_campaign_page_with_its_mix_and_expected_profit()
    {
        var campaign = await _store.App.DraftCampaignAsync("marketer@test", Channel.Email, percentOff: 10);
        await using (var db = _store.App.OpenDatabase())
        {
            db.Audiences.Add(new Domain.Audiences.Audience
            {
                CampaignId = campaign.Id, Selection = Domain.Audiences.AudienceSelection.OfferPlan, Eligible = 1200, Targeted = 815,
                ExpectedProfit = 6640.21, CreatedBy = "marketer@test", CreatedAt = new DateTime(2026, 12, 6, 9, 30, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync();
        }

        var page = RenderEditor(campaign.Id);

        page.WaitForAssertion(() => Assert.Contains("Saved audience (offer plan, 2026-12-06 09:30 UTC by marketer@test): 815 of 1,200 eligible customers get an offer, expected incremental profit €6,640.21.",
            System.Text.RegularExpressions.Regex.Replace(page.Find("[data-testid=saved-audience]").TextContent, @"\s+", " ")));
        Assert.Equal($"campaigns/{campaign.Id}/offers", page.Find("[data-testid=saved-audience] a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_manager_who_submitted_the_campaign_is_told_another_must_approve_it_and_gets_no_approve_button()
    {
        var page = RenderEditor(await SubmittedByAsync("manager@test"));

        page.WaitForAssertion(() => Assert.Equal("You submitted this campaign for approval; another Manager must approve it.", page.Find("[data-testid=own-work]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=approve-campaign]"));
        Assert.NotEmpty(page.FindAll("[data-testid=reject-campaign]"));
    }

    [Fact]
    public async Task A_manager_who_wrote_copy_for_the_campaign_is_told_another_must_approve_it()
    {
        var campaign = await _store.App.DraftCampaignAsync("marketer@test", Channel.Email, percentOff: 10);
        await using (var scope = _store.App.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<CopySuggestionService>().WriteAsync(campaign.Id, "Take 10% off today", Domain.Copy.Tone.Friendly, "manager@test")).Succeeded);
            Assert.True((await scope.ServiceProvider.GetRequiredService<CampaignService>().SubmitAsync(campaign.Id, "marketer@test")).Succeeded);
        }

        var page = RenderEditor(campaign.Id);

        page.WaitForAssertion(() => Assert.Equal("You chose the copy “Take 10% off today” yourself; another Manager must approve it.", page.Find("[data-testid=own-work]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=approve-campaign]"));
    }

    [Fact]
    public async Task Approving_someone_elses_campaign_shows_the_launch_plan_at_once()
    {
        var page = RenderEditor(await SubmittedByAsync("marketer@test"));
        page.WaitForElement("[data-testid=approve-campaign]");
        Assert.Empty(page.FindAll("[data-testid=own-work]"));

        page.Find("[data-testid=approve-campaign]").Click();

        page.WaitForElement("[data-testid=power-plan]", TimeSpan.FromSeconds(10));
        Assert.NotEmpty(page.FindAll("[data-testid=launch-campaign]"));
    }

    private async Task<IRenderedComponent<CampaignEditorHost>> ApprovedEditorAsync()
    {
        var id = await SubmittedByAsync("marketer@test");
        await using (var scope = _store.App.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<CampaignService>().ApproveAsync(id, "other-manager@test", null)).Succeeded);
        var page = RenderEditor(id);
        page.WaitForElement("[data-testid=launch-campaign]");
        return page;
    }

    private async Task<CampaignStatus> StoredStatusAsync(IRenderedComponent<CampaignEditorHost> page)
    {
        await using var db = _store.App.OpenDatabase();
        return (await db.Campaigns.FindAsync(page.Instance.Id))!.Status;
    }

    [Fact]
    public async Task Launching_before_the_start_date_asks_first_and_says_customers_are_assigned_from_now_and_cancel_changes_nothing()
    {
        var page = await ApprovedEditorAsync();

        page.Find("[data-testid=launch-campaign]").Click();

        var message = page.WaitForElement("[data-testid=confirm-message]").TextContent;
        Assert.Contains("before its start date", message);
        Assert.Contains("assigning customers to it immediately", message);
        Assert.Equal("Launch", page.Find("[data-testid=confirm-action]").TextContent.Trim());
        page.Find("[data-testid=confirm-cancel]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=confirm-dialog]")));
        Assert.Equal(CampaignStatus.Approved, await StoredStatusAsync(page));
    }

    [Fact]
    public async Task Confirming_the_launch_makes_the_campaign_live()
    {
        var page = await ApprovedEditorAsync();

        page.Find("[data-testid=launch-campaign]").Click();
        page.WaitForElement("[data-testid=confirm-action]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=launch-campaign]")), TimeSpan.FromSeconds(10));
        Assert.Equal(CampaignStatus.Live, await StoredStatusAsync(page));
    }
}
