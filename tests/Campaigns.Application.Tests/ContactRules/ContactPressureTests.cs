using Campaigns.Application.Audiences;
using Campaigns.Application.ContactRules;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.ContactRules;

public sealed class ContactPressureTests : ContactStore
{
    private async Task<ContactScreen> ScreenAsync(Campaign campaign, IReadOnlyList<Guid> customers, double profit)
    {
        await using var db = Database.Open();
        return (await ContactPressure.ReadAsync(db, campaign, CancellationToken.None)).Screen(campaign, customers, _ => profit);
    }

    [Fact]
    public async Task A_customer_planned_elsewhere_for_at_least_as_much_profit_is_left_out_and_one_planned_for_less_comes_here()
    {
        await AddRuleAsync(Channel.Email, limit: 1, windowDays: 14);
        var (richer, poorer, draftOnly, free) = (await CustomerAsync("C1"), await CustomerAsync("C2"), await CustomerAsync("C3"), await CustomerAsync("C4"));
        await LiveCampaignAsync(Channel.Email, status: CampaignStatus.Approved, planned: new Dictionary<Guid, double> { [richer] = 5, [poorer] = 1 });
        await LiveCampaignAsync(Channel.Email, status: CampaignStatus.Draft, planned: new Dictionary<Guid, double> { [draftOnly] = 9 });
        var built = await LiveCampaignAsync(Channel.Email, status: CampaignStatus.Draft);

        var screen = await ScreenAsync(built, [richer, poorer, draftOnly, free], profit: 2);

        Assert.Equal([true, false, false, false], Enumerable.Range(0, 4).Select(screen.IsCapped));
        Assert.Equal((1, 1), (screen.LeftOut, screen.Taken));
    }

    [Fact]
    public async Task Plans_outside_the_window_on_another_channel_or_of_an_exempt_campaign_do_not_count_and_an_exempt_campaign_is_never_capped()
    {
        await AddRuleAsync(Channel.Email, limit: 1, windowDays: 7);
        var customer = await CustomerAsync("C1");
        var plan = new Dictionary<Guid, double> { [customer] = 50 };
        var start = DateTime.UtcNow.Date.AddDays(3);
        await LiveCampaignAsync(Channel.Email, planned: plan, startsAt: start.AddDays(14 + 7));
        await LiveCampaignAsync(Channel.Push, planned: plan, startsAt: start);
        await LiveCampaignAsync(Channel.Email, exempt: true, planned: plan, startsAt: start);
        Assert.False((await ScreenAsync(await LiveCampaignAsync(Channel.Email, status: CampaignStatus.Draft, startsAt: start), [customer], 1)).IsCapped(0));

        await LiveCampaignAsync(Channel.Email, planned: plan, startsAt: start.AddDays(14 + 6));
        Assert.True((await ScreenAsync(await LiveCampaignAsync(Channel.Email, status: CampaignStatus.Draft, startsAt: start), [customer], 1)).IsCapped(0),
            "a campaign starting 6 days after this one ends is within the window");
        Assert.False((await ScreenAsync(await LiveCampaignAsync(Channel.Email, exempt: true, status: CampaignStatus.Draft, startsAt: start), [customer], 1)).IsCapped(0));
    }

    [Fact]
    public async Task A_built_audience_leaves_out_the_capped_customers_and_the_saved_audience_counts_them()
    {
        await AddRuleAsync(channel: null, limit: 1, windowDays: 30);
        var customers = new List<Guid>();
        for (var i = 1; i <= 4; i++) customers.Add(await CustomerAsync($"C{i}"));
        await LiveCampaignAsync(Channel.Push, planned: new Dictionary<Guid, double> { [customers[0]] = 0, [customers[1]] = 0 });
        var built = await LiveCampaignAsync(Channel.Email, status: CampaignStatus.Draft);

        await using var db = Database.Open();
        var builder = new AudienceBuilder(db, new ModelStore(db), Microsoft.Extensions.Options.Options.Create(new TargetingOptions()));
        var plan = await builder.PlanAsync(new AudienceRequest(built.Id, new AudienceRules(), AudienceSelection.Everyone));
        Assert.True(plan.Succeeded, plan.Message);
        Assert.Equal(4, plan.Value!.Eligible);
        Assert.Equal(customers.Skip(2).Order(), plan.Value.Targeted.Order());
        Assert.Equal(2, plan.Value.Contact.LeftOut);

        await builder.SaveAsync(plan.Value, "marketer@demo.local");
        Assert.Equal(2, await db.Audiences.Where(a => a.CampaignId == built.Id).Select(a => a.ContactCapped).SingleAsync());
    }
}
