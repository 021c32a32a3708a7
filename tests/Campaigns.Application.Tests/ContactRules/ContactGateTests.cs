using Campaigns.Application.Common;
using Campaigns.Application.Integration;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.ContactRules;

public sealed class ContactGateTests : ContactStore
{
    private Task<Result<AssignmentResponse>> AssignAsync(Campaign campaign, string customer) =>
        Assignments.AssignAsync(new AssignmentRequest(campaign.Id, customer), CancellationToken.None);

    private static void AssertCapped(Result<AssignmentResponse> result, string rule)
    {
        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Equal("contactRule", Assert.Single(result.Errors).Field);
        Assert.Contains($"capped by the contact rule '{rule}'", result.Message);
    }

    [Fact]
    public async Task A_customer_at_the_limit_of_a_channel_rule_is_capped_with_the_rule_and_another_channel_still_reaches_them()
    {
        await AddRuleAsync(Channel.Email, limit: 1, windowDays: 7);
        var customer = await CustomerAsync("C1");
        await ContactedAsync(await LiveCampaignAsync(Channel.Email), customer, DateTime.UtcNow.AddDays(-2));

        var capped = await AssignAsync(await LiveCampaignAsync(Channel.Email), "C1");
        AssertCapped(capped, "at most 1 email promotion per customer per 7 days");
        Assert.Equal("Customer 'C1' is capped by the contact rule 'at most 1 email promotion per customer per 7 days': 1 contact in the last 7 days.", capped.Message);
        Assert.True((await AssignAsync(await LiveCampaignAsync(Channel.Push), "C1")).Succeeded);
    }

    [Fact]
    public async Task A_contact_just_over_the_window_ago_no_longer_counts_and_one_just_inside_it_does()
    {
        await AddRuleAsync(channel: null, limit: 1, windowDays: 7);
        var (outside, inside) = (await CustomerAsync("C1"), await CustomerAsync("C2"));
        var earlier = await LiveCampaignAsync(Channel.Push);
        await ContactedAsync(earlier, outside, DateTime.UtcNow.AddDays(-7).AddMinutes(-1));
        await ContactedAsync(earlier, inside, DateTime.UtcNow.AddDays(-7).AddMinutes(1));

        var campaign = await LiveCampaignAsync(Channel.Email);
        Assert.True((await AssignAsync(campaign, "C1")).Succeeded);
        AssertCapped(await AssignAsync(campaign, "C2"), "at most 1 promotion per customer per 7 days across channels");
    }

    [Fact]
    public async Task An_exempt_campaign_reaches_a_capped_customer_and_its_contacts_count_against_no_rule()
    {
        await AddRuleAsync(channel: null, limit: 1, windowDays: 30);
        var customer = await CustomerAsync("C1");
        var transactional = await LiveCampaignAsync(Channel.Email, exempt: true);
        Assert.True((await AssignAsync(transactional, "C1")).Succeeded);
        Assert.True((await AssignAsync(await LiveCampaignAsync(Channel.Email), "C1")).Succeeded, "the exempt contact did not count");
        AssertCapped(await AssignAsync(await LiveCampaignAsync(Channel.Push), "C1"), "at most 1 promotion per customer per 30 days across channels");
        Assert.True((await AssignAsync(await LiveCampaignAsync(Channel.Email, exempt: true), "C1")).Succeeded, "an exempt campaign is never capped");
        await using var db = Database.Open();
        Assert.Equal(3, await db.Assignments.CountAsync(a => a.CustomerId == customer));
    }

    [Fact]
    public async Task A_holdout_assignment_is_no_contact_but_a_capped_customer_is_kept_out_of_the_holdout_too()
    {
        await AddRuleAsync(channel: null, limit: 1, windowDays: 7);
        await CustomerAsync("C1");
        var holdout = await AssignAsync(await LiveCampaignAsync(holdoutOnly: true), "C1");
        Assert.True(holdout.Value!.Arm.IsControl);
        Assert.True((await AssignAsync(await LiveCampaignAsync(), "C1")).Succeeded, "the holdout did not contact them");
        AssertCapped(await AssignAsync(await LiveCampaignAsync(holdoutOnly: true), "C1"), "at most 1 promotion per customer per 7 days across channels");
    }

    [Fact]
    public async Task The_campaign_that_filled_the_limit_still_answers_its_sticky_assignment()
    {
        await AddRuleAsync(channel: null, limit: 1, windowDays: 7);
        await CustomerAsync("C1");
        var campaign = await LiveCampaignAsync();
        var first = (await AssignAsync(campaign, "C1")).Value!;
        var again = await AssignAsync(campaign, "C1");
        Assert.True(again.Succeeded, again.Message);
        Assert.Equal((first.Arm.Id, first.AssignedAt, false), (again.Value!.Arm.Id, again.Value.AssignedAt, again.Value.IsNew));
    }

    [Fact]
    public async Task A_live_campaign_that_plans_the_customer_for_more_profit_keeps_the_contact_whoever_asks_first()
    {
        await AddRuleAsync(channel: null, limit: 1, windowDays: 7);
        var customer = await CustomerAsync("C1");
        var rich = await LiveCampaignAsync(Channel.Email, planned: new Dictionary<Guid, double> { [customer] = 12.5 });
        var poor = await LiveCampaignAsync(Channel.Push, planned: new Dictionary<Guid, double> { [customer] = 3.0 });

        var first = await AssignAsync(poor, "C1");
        AssertCapped(first, "at most 1 promotion per customer per 7 days across channels");
        Assert.EndsWith("0 contacts in the last 7 days, 1 kept for a more profitable live campaign.", first.Message);
        Assert.True((await AssignAsync(rich, "C1")).Succeeded);
        Assert.EndsWith("1 contact in the last 7 days.", (await AssignAsync(poor, "C1")).Message);
    }

    [Fact]
    public async Task Contact_rules_are_never_exceeded_under_concurrent_assignments_from_many_campaigns()
    {
        // The rule's invariant under contention, not the machine's speed: 16 requests queue on each customer's ledger row,
        // and on a loaded two-core CI machine the last one waited longer than the default 5 s (a 503 in the API).
        Database.Options.BusyTimeoutSeconds = 60;
        await AddRuleAsync(channel: null, limit: 2, windowDays: 7);
        var customers = new[] { "C1", "C2", "C3", "C4", "C5" };
        foreach (var c in customers) await CustomerAsync(c);
        var campaigns = new List<Campaign>();
        for (var i = 0; i < 8; i++) campaigns.Add(await LiveCampaignAsync(i % 2 == 0 ? Channel.Email : Channel.Push));

        // Every campaign asks for every customer twice, all at once.
        var requests = customers.SelectMany(c => campaigns.SelectMany(k => new[] { (c, k), (c, k) })).ToList();
        var results = await Task.WhenAll(requests.Select(r => Task.Run(() => AssignAsync(r.k, r.c))));

        Assert.All(results, r => Assert.True(r.Succeeded || r.Errors.Any(e => e.Field == "contactRule"), r.Message));
        foreach (var c in customers)
        {
            var served = requests.Zip(results).Where(x => x.First.c == c && x.Second.Succeeded).Select(x => x.First.k.Id).Distinct().Count();
            Assert.Equal(2, served);
        }
        await using var db = Database.Open();
        var stored = await db.Assignments.GroupBy(a => a.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.Equal([2, 2, 2, 2, 2], stored);
        Assert.All(await db.ContactLedgers.ToListAsync(), l => Assert.Equal(2, l.Contacts));
    }
}
