using System.Text.RegularExpressions;
using Campaigns.Domain.Campaigns;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests;

public sealed class SignInAndSubmitCampaignTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public Task A_marketer_signs_in_creates_a_campaign_and_submits_it_for_approval() => StepsAsync(nameof(A_marketer_signs_in_creates_a_campaign_and_submits_it_for_approval), async () =>
    {
        var name = $"E2E spring sale {Guid.NewGuid():N}"[..28];
        await SignInAsync("marketer@demo.local", "campaigns");

        await Page.GetByTestId("new-campaign").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/campaigns/new$"));

        await FillAsync("campaign-name", name, 120);
        await Page.GetByTestId("save-campaign").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/campaigns/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        var id = Guid.Parse(Page.Url[^36..]);
        await Assertions.Expect(Page.GetByTestId("status-chip")).ToHaveTextAsync("Draft");

        await Page.GetByTestId("submit-campaign").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("status-chip")).ToHaveTextAsync("Waiting for approval");
        await Assertions.Expect(Page.GetByTestId("submit-campaign")).ToHaveCountAsync(0);

        await using var db = App.OpenDatabase();
        var stored = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal(name, stored.Name);
        Assert.Equal(CampaignStatus.PendingApproval, stored.Status);
        var actions = await db.AuditLog.AsNoTracking()
            .Where(a => a.EntityType == nameof(Campaign) && a.EntityId == id.ToString())
            .Select(a => new { a.Action, a.User }).ToListAsync();
        Assert.Contains(actions, a => a.Action == "campaign.create" && a.User == "marketer@demo.local");
        Assert.Contains(actions, a => a.Action == "campaign.submit" && a.User == "marketer@demo.local");
    });
}
