using Campaigns.Application.Campaigns;
using Campaigns.Application.Copy;
using Campaigns.Application.Experiments;
using Campaigns.Domain.Campaigns;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests;

public sealed class CopySuggestionTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public Task A_marketer_picks_two_suggested_lines_a_manager_launches_them_as_arms_shared_by_Thompson_sampling() => StepsAsync(nameof(A_marketer_picks_two_suggested_lines_a_manager_launches_them_as_arms_shared_by_Thompson_sampling), async () =>
    {
        Guid campaignId;
        using (var scope = App.Services.CreateScope())
        {
            // Small networks, few epochs: the copy models are trained in seconds; what they suggest is the app's real path.
            await scope.ServiceProvider.GetRequiredService<CopyTrainingService>().TrainBothAsync(new CopyTrainingRequest(Epochs: 6, Bootstraps: 4, Seed: 5, Threads: 1)
            {
                Generator = new CopyGeneratorOptions { EmbeddingSize = 32, Hidden = 64, LearningRate = 1e-2 },
            }, "tests", null);
            var start = DateTime.UtcNow.Date.AddDays(2);
            var saved = await scope.ServiceProvider.GetRequiredService<CampaignService>().SaveAsync(new Campaign
            {
                Name = "Weekend push", CreatedBy = "", StartsAt = start, EndsAt = start.AddDays(3), Budget = 800,
                Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Push },
            }, "marketer@demo.local");
            campaignId = saved.Value!.Id;
        }

        await SignInAsync("marketer@demo.local", $"campaigns/{campaignId}");
        // The test's small generator may leave fewer than two candidates after the guardrails: regenerate, as a marketer would.
        string? request = null;
        for (var attempt = 0; attempt < 4 && await Page.GetByTestId("copy-candidate").CountAsync() < 2; attempt++)
        {
            await Page.GetByTestId("suggest-copy").ClickAsync();
            await Assertions.Expect(Page.GetByTestId("copy-timing")).Not.ToHaveAttributeAsync("data-request", request ?? "", new() { Timeout = 30_000 });
            request = await Page.GetByTestId("copy-timing").GetAttributeAsync("data-request");
        }
        await Assertions.Expect(Page.GetByTestId("copy-candidate").Nth(1)).ToBeVisibleAsync();
        var texts = await Page.GetByTestId("copy-candidate-text").AllInnerTextsAsync();

        await Page.GetByTestId("copy-panel").ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "copy-suggestions.png") });
        await Page.GetByTestId("pick-copy").First.ClickAsync();
        await Assertions.Expect(Page.GetByTestId("copy-arm")).ToHaveCountAsync(1);
        await Page.GetByTestId("pick-copy").First.ClickAsync();
        await Assertions.Expect(Page.GetByTestId("copy-arm")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.GetByTestId("copy-arm").Nth(0)).ToContainTextAsync(texts[0]);
        await Assertions.Expect(Page.GetByTestId("copy-arm").Nth(1)).ToContainTextAsync(texts[1]);

        await Page.GetByTestId("submit-campaign").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("status-chip")).ToHaveTextAsync("Waiting for approval");
        await Assertions.Expect(Page.GetByTestId("suggest-copy")).ToHaveCountAsync(0);

        using (var scope = App.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<CampaignService>().ApproveAsync(campaignId, "manager@demo.local", null)).Succeeded);

        // The Manager launches with the copy arms allocated by Thompson sampling.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("manager@demo.local", $"campaigns/{campaignId}");
        await Assertions.Expect(Page.GetByTestId("copy-arm").Nth(0)).ToContainTextAsync("approved by manager@demo.local");
        await Page.GetByText("Shift traffic to the best copy").ClickAsync();
        await Page.GetByTestId("launch-campaign").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("shift towards the best copy every 15 minutes");
        await Page.GetByTestId("confirm-action").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("status-chip")).ToHaveTextAsync("Live");
        await Page.GetByTestId("view-results").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("bandit-status")).ToContainTextAsync("the arms share the traffic equally until the first re-weighting");
        await Assertions.Expect(Page.Locator("[data-testid=bandit-arms] tbody tr")).ToHaveCountAsync(3);

        // The recurring job's re-weighting; with no conversions yet each arm's chance of being best is even.
        using (var scope = App.Services.CreateScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CopyBandit>().ReweightAsync());
        await Page.ReloadAsync();
        await Assertions.Expect(Page.GetByTestId("bandit-status")).ToContainTextAsync("Exploring: shares follow each arm's chance of being best");
        await Assertions.Expect(Page.Locator("[data-testid=bandit-arms] tbody tr").Nth(0)).ToContainTextAsync("50.0%");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "copy-bandit.png"), FullPage = true });

        await using var db = App.OpenDatabase();
        var arms = await db.Arms.AsNoTracking().Where(a => db.Experiments.Any(e => e.Id == a.ExperimentId && e.CampaignId == campaignId))
            .OrderBy(a => a.Position).ToListAsync();
        var headlines = await db.CopyVariants.AsNoTracking().Where(v => v.CampaignId == campaignId).ToDictionaryAsync(v => v.Id, v => v.Headline);
        Assert.Equal(["Holdout", Campaign.CopyArmName(0, texts[0]), Campaign.CopyArmName(1, texts[1])], arms.Select(a => a.Name));
        Assert.Equal([texts[0], texts[1]], arms.Skip(1).Select(a => headlines[a.CopyVariantId!.Value]));
        // The default 10% holdout; the first re-weighting keeps the even split of the rest.
        Assert.Equal([0.1, 0.45, 0.45], arms.Select(a => Math.Round(a.Allocation, 9)));
    });
}
