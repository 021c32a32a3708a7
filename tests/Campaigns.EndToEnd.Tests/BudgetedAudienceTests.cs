using System.Text.RegularExpressions;
using Campaigns.Domain.Campaigns;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests;

public sealed class BudgetedAudienceTests(ITestOutputHelper output) : TargetedBrowserTest(output)
{
    [Fact]
    public Task A_marketer_builds_a_budgeted_audience_and_sees_its_expected_profit() => StepsAsync(nameof(A_marketer_builds_a_budgeted_audience_and_sees_its_expected_profit), async () =>
    {
        await TrainFirstModelAsync();
        Guid campaignId;
        await using (var db = App.OpenDatabase())
            campaignId = (await db.Campaigns.FirstAsync(c => c.Status == CampaignStatus.Draft)).Id;

        await SignInAsync("marketer@demo.local", $"campaigns/{campaignId}/audience");
        await Assertions.Expect(Page.GetByTestId("model-info")).ToContainTextAsync("Targeting model v1");

        await TypeAsync("budget", "400");
        await Page.GetByTestId("build-audience").ClickAsync();

        await Assertions.Expect(Page.GetByTestId("expected-profit")).ToContainTextAsync(new Regex(@"95% interval"), new() { Timeout = 60_000 });
        await Assertions.Expect(Page.GetByTestId("profit-curve")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("put-off")).ToContainTextAsync("less likely to buy");
        var size = await Page.GetByTestId("audience-size").InnerTextAsync();
        Assert.Matches(@"of [\d,]+ eligible", size);

        await Page.GetByTestId("save-audience").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("saved-audience")).ToContainTextAsync("Export CSV");

        await using var check = App.OpenDatabase();
        var audience = await check.Audiences.AsNoTracking().SingleAsync(a => a.CampaignId == campaignId);
        Assert.Equal(400m, audience.Budget);
        Assert.InRange(audience.ExpectedCost, 0, 400);
        Assert.True(audience.ExpectedProfit > 0);
        Assert.Contains(audience.Targeted.ToString("N0"), size);
    });
}
