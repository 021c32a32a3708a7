using Campaigns.Application.Campaigns;
using Campaigns.Application.Copy;
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
    public Task A_marketer_asks_for_copy_suggestions_picks_two_and_they_become_the_experiments_arms() => StepsAsync(nameof(A_marketer_asks_for_copy_suggestions_picks_two_and_they_become_the_experiments_arms), async () =>
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
        {
            var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
            Assert.True((await campaigns.ApproveAsync(campaignId, "manager@demo.local", null)).Succeeded);
            Assert.True((await campaigns.LaunchAsync(campaignId, "manager@demo.local", 0.2)).Succeeded);
        }
        await Page.ReloadAsync();
        await Assertions.Expect(Page.GetByTestId("copy-arm").Nth(0)).ToContainTextAsync("approved by manager@demo.local");

        await using var db = App.OpenDatabase();
        var arms = await db.Arms.AsNoTracking().Where(a => db.Experiments.Any(e => e.Id == a.ExperimentId && e.CampaignId == campaignId))
            .OrderBy(a => a.Position).ToListAsync();
        var headlines = await db.CopyVariants.AsNoTracking().Where(v => v.CampaignId == campaignId).ToDictionaryAsync(v => v.Id, v => v.Headline);
        Assert.Equal(["Holdout", Campaign.CopyArmName(0, texts[0]), Campaign.CopyArmName(1, texts[1])], arms.Select(a => a.Name));
        Assert.Equal([texts[0], texts[1]], arms.Skip(1).Select(a => headlines[a.CopyVariantId!.Value]));
    });
}
