using System.Globalization;
using Bunit;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Copy;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Copy;

/// <summary>The "Suggest copy" panel rendered by bUnit over a real database with trained copy models.</summary>
public class CopySuggestionsPanelTests : ComponentTest, IClassFixture<CopySeededApp>
{
    private readonly CopySeededApp _store;

    public CopySuggestionsPanelTests(CopySeededApp store)
    {
        _store = store;
        var options = new DatabaseOptions { ConnectionString = $"Data Source={store.App.DatabasePath}" };
        Context.Services.AddDbContextFactory<CampaignsDbContext>(options.Apply);
        Context.Services.AddScoped<CopySuggestionService>();
        SignInAs("Marketer");
    }

    private async Task<Campaign> CampaignAsync()
    {
        await using var db = _store.App.OpenDatabase();
        var start = DateTime.UtcNow.Date.AddDays(3);
        var campaign = new Campaign
        {
            Name = "Panel test", CreatedBy = "marketer@test", StartsAt = start, EndsAt = start.AddDays(7), Budget = 500,
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 15, Channel = Channel.Email },
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }

    private IRenderedComponent<CopyPanelHost> RenderPanel(Campaign c, CampaignStatus status) =>
        Render<CopyPanelHost>(p => p.Add(h => h.CampaignId, c.Id).Add(h => h.Channel, c.Promotion.Channel).Add(h => h.Status, status));

    private static double Percent(string text) => double.Parse(text.Trim().TrimEnd('%'), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_candidate_shows_the_tone_it_reads_as_marked_when_it_is_not_the_tone_asked_for()
    {
        var campaign = await CampaignAsync();
        var panel = RenderPanel(campaign, CampaignStatus.Draft);

        panel.Find("[data-testid=suggest-copy]").Click();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=copy-candidate]")), TimeSpan.FromSeconds(30));
        var tones = Enum.GetValues<Tone>().Select(t => t.ToWords()).ToList();
        Assert.All(panel.FindAll("[data-testid=copy-candidate]"), row =>
        {
            var chip = Assert.Single(row.QuerySelectorAll("[data-testid=copy-candidate-tone]"));
            Assert.Contains(chip.TextContent.Trim(), tones);
            Assert.Matches(@"^Reads as \w+ \(\d+%.*\); asked for \w+$", chip.GetAttribute("title"));
        });
    }

    [Fact]
    public async Task A_marketer_asks_for_suggestions_sees_them_sorted_by_predicted_ctr_with_intervals_and_picks_two_as_arms()
    {
        var campaign = await CampaignAsync();
        var panel = RenderPanel(campaign, CampaignStatus.Draft);
        Assert.Contains("No copy chosen yet", panel.Find("[data-testid=copy-arms]").TextContent);

        panel.Find("[data-testid=suggest-copy]").Click();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=copy-candidate]")), TimeSpan.FromSeconds(30));
        var rows = panel.FindAll("[data-testid=copy-candidate]");
        Assert.InRange(rows.Count, 2, 10);
        var ctrs = panel.FindAll("[data-testid=copy-candidate-ctr]").Select(td => Percent(td.FirstChild!.TextContent)).ToList();
        Assert.Equal(ctrs.OrderDescending(), ctrs);
        Assert.All(panel.FindAll("[data-testid=copy-candidate-ctr]"), td => Assert.Contains("–", td.TextContent));
        Assert.Contains("sorted by predicted click-through", panel.Find("[data-testid=copy-timing]").TextContent);
        Assert.Equal("Regenerate", panel.Find("[data-testid=suggest-copy]").TextContent.Trim());

        var texts = panel.FindAll("[data-testid=copy-candidate-text]").Select(t => t.TextContent).Take(2).ToList();
        panel.FindAll("[data-testid=pick-copy]")[0].Click();
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=copy-arm]")));
        panel.FindAll("[data-testid=pick-copy]")[0].Click();

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=copy-arm]").Count));
        var arms = panel.FindAll("[data-testid=copy-arm]");
        Assert.Contains("Copy A", arms[0].TextContent);
        Assert.Contains(texts[0], arms[0].TextContent);
        Assert.Contains("Copy B", arms[1].TextContent);
        Assert.Contains(texts[1], arms[1].TextContent);
        Assert.Contains("suggested", arms[0].TextContent);
        Assert.Equal(rows.Count - 2, panel.FindAll("[data-testid=pick-copy]").Count);

        // A removed line can be picked again.
        panel.FindAll("[data-testid=remove-copy]")[0].Click();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=copy-arm]")));
        Assert.Equal(rows.Count - 1, panel.FindAll("[data-testid=pick-copy]").Count);
    }

    [Fact]
    public async Task An_edit_that_contradicts_the_offer_shows_why_and_chooses_nothing()
    {
        var campaign = await CampaignAsync();
        var panel = RenderPanel(campaign, CampaignStatus.Draft);
        panel.Find("[data-testid=suggest-copy]").Click();
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=edit-copy]")), TimeSpan.FromSeconds(30));

        panel.FindAll("[data-testid=edit-copy]")[0].Click();
        panel.WaitForElement("[data-testid=copy-edit-text]").Input("Free shipping on everything");
        panel.Find("[data-testid=pick-edited]").Click();

        panel.WaitForAssertion(() => Assert.Equal("This copy states free shipping (the store ships free only from 60), but the offer is 15% off.", panel.Find("[data-testid=copy-error]").TextContent.Trim()));
        Assert.Empty(panel.FindAll("[data-testid=copy-arm]"));
    }

    [Fact]
    public async Task Copy_waiting_for_approval_is_read_only()
    {
        var campaign = await CampaignAsync();
        var panel = RenderPanel(campaign, CampaignStatus.PendingApproval);

        Assert.Empty(panel.FindAll("[data-testid=suggest-copy]"));
        Assert.Empty(panel.FindAll("[data-testid=write-copy]"));
        Assert.Contains("a Manager approves it with the campaign", panel.Find("[data-testid=copy-panel]").TextContent);
    }

    [Fact]
    public async Task Suggestions_shown_before_are_there_again_when_the_campaign_is_opened_with_their_predictions_intervals_and_picks()
    {
        var campaign = await CampaignAsync();
        SuggestionBatch shown;
        await using (var scope = _store.App.Services.CreateAsyncScope())
        {
            var copy = scope.ServiceProvider.GetRequiredService<CopySuggestionService>();
            shown = (await copy.SuggestAsync(campaign.Id, Domain.Copy.Tone.Urgent, "marketer@test")).Value!;
            Assert.True((await copy.PickAsync(shown.Candidates[1].Id, null, "marketer@test")).Succeeded);
        }

        var panel = RenderPanel(campaign, CampaignStatus.Draft);

        panel.WaitForAssertion(() => Assert.Equal(shown.Candidates.Count, panel.FindAll("[data-testid=copy-candidate]").Count));
        Assert.Equal(shown.Candidates.Select(c => c.Text), panel.FindAll("[data-testid=copy-candidate-text]").Select(t => t.TextContent));
        var ctrs = panel.FindAll("[data-testid=copy-candidate-ctr]");
        Assert.Equal(shown.Candidates.Count, ctrs.Count);
        for (var i = 0; i < ctrs.Count; i++)
        {
            Assert.Equal(shown.Candidates[i].Prediction!.Ctr * 100, Percent(ctrs[i].FirstChild!.TextContent), 2);
            Assert.Contains("–", ctrs[i].TextContent);
        }
        Assert.Contains("Picked", panel.FindAll("[data-testid=copy-candidate]")[1].TextContent);
        Assert.Equal(shown.Candidates.Count - 1, panel.FindAll("[data-testid=pick-copy]").Count);
        Assert.Equal(shown.RequestId.ToString(), panel.Find("[data-testid=copy-timing]").GetAttribute("data-request"));
        Assert.Contains("shown", panel.Find("[data-testid=copy-timing]").TextContent);
        Assert.Equal("Regenerate", panel.Find("[data-testid=suggest-copy]").TextContent.Trim());
    }
}
