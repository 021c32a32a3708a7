using Campaigns.Application.Audiences;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Customers;
using Campaigns.Application.Integration;
using Campaigns.Application.Programme;
using Campaigns.Application.Tests.Campaigns;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Programme;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Programme;

public sealed class GlobalHoldoutTests(CampaignDatabase demo) : IClassFixture<CampaignDatabase>
{
    private const string Admin = "admin@demo.local", Marketer = "marketer@demo.local", Manager = "manager@demo.local";

    private HoldoutAdmin Holdout => new(demo.Factory);

    private static DateTime Today => DateTime.UtcNow.Date;

    /// <summary>A holdout drawn afresh today, in force from now on.</summary>
    private async Task<HoldoutPeriod> DrawTodayAsync(double percent)
    {
        var saved = await Holdout.SaveAsync(new HoldoutRequest(percent, Today, Redraw: true, Reason: "a fresh draw for this test"), Admin);
        Assert.True(saved.Succeeded, saved.Message);
        return saved.Value!;
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = demo.Open();
        return await db.AuditLog.CountAsync(a => a.EntityType == nameof(HoldoutPeriod));
    }

    [Theory]
    [InlineData(0.1, 0, false, null, "SharePercent")]
    [InlineData(25, 0, false, null, "SharePercent")]
    [InlineData(double.NaN, 0, false, null, "SharePercent")]
    [InlineData(5, -1, false, null, "StartsOn")]
    public async Task A_setting_out_of_bounds_is_refused_by_its_field_and_changes_nothing(double percent, int days, bool redraw, string? reason, string field)
    {
        var audits = await AuditCountAsync();
        var result = await Holdout.SaveAsync(new HoldoutRequest(percent, Today.AddDays(days), redraw, reason), Admin);
        Assert.False(result.Succeeded);
        Assert.Equal(field, Assert.Single(result.Errors).Field);
        Assert.Equal(audits, await AuditCountAsync());
    }

    [Fact]
    public async Task A_redraw_needs_a_reason_once_a_holdout_exists()
    {
        await DrawTodayAsync(5);
        var result = await Holdout.SaveAsync(new HoldoutRequest(5, Today, Redraw: true, Reason: "  "), Admin);
        Assert.Equal("Reason", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task Every_change_starts_a_new_period_a_share_change_keeps_the_draw_and_a_redraw_is_audited_with_its_reason()
    {
        var first = await DrawTodayAsync(5);
        var grown = await Holdout.SaveAsync(new HoldoutRequest(8, Today.AddDays(10)), Admin);
        Assert.True(grown.Succeeded, grown.Message);
        var redrawn = await Holdout.SaveAsync(new HoldoutRequest(8, Today.AddDays(20), Redraw: true, Reason: "members leaked into a partner list"), Admin);
        Assert.True(redrawn.Succeeded, redrawn.Message);

        var periods = (await Holdout.ReadAsync()).Periods;
        var history = periods.TakeWhile(p => p.Id != first.Id).Append(periods.Single(p => p.Id == first.Id)).Reverse().ToList();
        Assert.Equal([first.Id, grown.Value!.Id, redrawn.Value!.Id], history.Select(p => p.Id));
        Assert.Equal(Today.AddDays(10), history[0].EndsAt);
        Assert.Equal(Today.AddDays(20), history[1].EndsAt);
        Assert.Null(history[2].EndsAt);
        Assert.Equal(history[0].Salt, history[1].Salt);
        Assert.NotEqual(history[1].Salt, history[2].Salt);
        Assert.Equal([0.05, 0.08, 0.08], history.Select(p => p.Share));

        await using var db = demo.Open();
        var audit = await db.AuditLog.SingleAsync(a => a.EntityId == redrawn.Value.Id.ToString());
        Assert.Equal("programme.holdout.redraw", audit.Action);
        Assert.Equal(Admin, audit.User);
        Assert.Contains("members leaked into a partner list", audit.Details);
        Assert.Equal("programme.holdout", (await db.AuditLog.SingleAsync(a => a.EntityId == grown.Value.Id.ToString())).Action);

        var early = await Holdout.SaveAsync(new HoldoutRequest(10, Today.AddDays(5)), Admin);
        Assert.Equal("StartsOn", Assert.Single(early.Errors).Field);
    }

    [Fact]
    public async Task The_audience_builder_leaves_out_and_counts_the_customers_in_the_holdout()
    {
        var period = await DrawTodayAsync(10);
        var campaign = await demo.DraftCampaignAsync(Marketer);
        await using var db = demo.Open();
        var everyone = await db.Customers.Select(c => c.Id).ToListAsync();
        var held = everyone.Where(period.Holds).ToHashSet();
        Assert.NotEmpty(held);

        var builder = new AudienceBuilder(db, new Application.Models.ModelStore(db), Microsoft.Extensions.Options.Options.Create(new Application.Targeting.TargetingOptions()));
        var plan = (await builder.PlanAsync(new AudienceRequest(campaign.Id, new AudienceRules(), AudienceSelection.Everyone, RandomCellShare: 0.2))).Value!;

        Assert.Equal(held.Count, plan.HeldOut);
        Assert.Equal(everyone.Count - held.Count, plan.Eligible);
        Assert.Empty(plan.Targeted.Intersect(held));
        Assert.Empty(plan.RandomCell.Intersect(held));
        Assert.Equal(plan.Eligible, plan.Targeted.Count + plan.RandomCell.Count);
        Assert.Equal((await Holdout.ReadAsync()).HeldOut, held.Count);
    }

    [Fact]
    public async Task The_assignment_api_refuses_a_held_out_customer_as_not_eligible_and_assigns_the_others()
    {
        var campaign = await demo.DraftCampaignAsync(Marketer);
        Assert.True((await demo.Campaigns.SubmitAsync(campaign.Id, Marketer)).Succeeded);
        Assert.True((await demo.Campaigns.ApproveAsync(campaign.Id, Manager, null)).Succeeded);
        Assert.True((await demo.Campaigns.LaunchAsync(campaign.Id, Manager, 0.1)).Succeeded);
        var period = await DrawTodayAsync(10);
        await using var db = demo.Open();
        var customers = await db.Customers.Select(c => new { c.Id, c.ExternalId }).ToListAsync();
        var heldOut = customers.First(c => period.Holds(c.Id));
        var kept = customers.First(c => !period.Holds(c.Id));
        var assignments = new AssignmentService(demo.Factory, new MoneyFormat("EUR"), new BestSellerCache());

        var refused = await assignments.AssignAsync(new AssignmentRequest(campaign.Id, heldOut.ExternalId), CancellationToken.None);
        Assert.True(refused.Errors.Count == 1, refused.Message);
        Assert.Equal(AssignmentService.Eligibility, refused.Errors[0].Field);
        Assert.Contains("global holdout", refused.Message);
        var experiment = await db.Experiments.Where(e => e.CampaignId == campaign.Id).Select(e => e.Id).SingleAsync();
        Assert.False(await db.Assignments.AnyAsync(a => a.ExperimentId == experiment && a.CustomerId == heldOut.Id));

        var assigned = await assignments.AssignAsync(new AssignmentRequest(campaign.Id, kept.ExternalId), CancellationToken.None);
        Assert.True(assigned.Succeeded, assigned.Message);
    }

    [Fact]
    public async Task Launch_drops_the_held_out_customers_of_an_audience_saved_before_the_holdout_began_and_says_how_many()
    {
        var campaign = await demo.DraftCampaignAsync(Marketer);
        await using var db = demo.Open();
        var builder = new AudienceBuilder(db, new Application.Models.ModelStore(db), Microsoft.Extensions.Options.Options.Create(new Application.Targeting.TargetingOptions()));
        var plan = (await builder.PlanAsync(new AudienceRequest(campaign.Id, new AudienceRules(), AudienceSelection.Everyone, RandomCellShare: 0.2))).Value!;
        var audience = (await builder.SaveAsync(plan, Marketer)).Value!;
        // Without a model every member's expected profit is 0: give each targeted member 2, as a model's plan would.
        await db.AudienceMembers.Where(m => m.AudienceId == audience.Id && m.Cell == AudienceCell.Targeted).ExecuteUpdateAsync(u => u.SetProperty(m => m.ExpectedProfit, 2));
        await db.Audiences.Where(a => a.Id == audience.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ExpectedProfit, 2.0 * plan.Targeted.Count)
            .SetProperty(a => a.ExpectedProfitLow, 2.0 * plan.Targeted.Count - 50).SetProperty(a => a.ExpectedProfitHigh, 2.0 * plan.Targeted.Count + 50));
        Assert.True((await demo.Campaigns.SubmitAsync(campaign.Id, Marketer)).Succeeded);
        Assert.True((await demo.Campaigns.ApproveAsync(campaign.Id, Manager, null)).Succeeded);
        var period = await DrawTodayAsync(10);
        var (targeted, random) = (plan.Targeted.Count(period.Holds), plan.RandomCell.Count(period.Holds));
        Assert.True(targeted > 0 && random > 0, "a 10% draw holds some of each cell");

        var launched = await demo.Campaigns.LaunchAsync(campaign.Id, Manager, 0.1);

        Assert.True(launched.Succeeded, launched.Message);
        Assert.Contains($"{Display.Count(targeted + random)} customers of its audience in the global holdout dropped", launched.Message);
        var members = await db.AudienceMembers.Where(m => m.AudienceId == audience.Id).Select(m => m.CustomerId).ToListAsync();
        Assert.Equal(plan.Targeted.Count + plan.RandomCell.Count - targeted - random, members.Count);
        Assert.DoesNotContain(members, period.Holds);
        var stored = await db.Audiences.AsNoTracking().SingleAsync(a => a.Id == audience.Id);
        Assert.Equal((plan.Targeted.Count - targeted, plan.RandomCell.Count - random), (stored.Targeted, stored.RandomCell));
        var kept = 2.0 * (plan.Targeted.Count - targeted);
        Assert.Equal((kept, kept - 50, kept + 50), (stored.ExpectedProfit, stored.ExpectedProfitLow, stored.ExpectedProfitHigh));
        Assert.Contains(await db.AuditLog.Where(a => a.Action == "campaign.launch" && a.EntityId == campaign.Id.ToString()).Select(a => a.Details).ToListAsync(),
            d => d != null && d.EndsWith($"; {Display.Count(targeted + random)} customers of its audience in the global holdout dropped"));
    }

    [Fact]
    public async Task Launch_records_who_qualified_by_the_audiences_rules_before_the_holdout_marking_the_held_out_who_get_no_assignment()
    {
        var campaign = await demo.DraftCampaignAsync(Marketer);
        await using var db = demo.Open();
        // The most populous region: a fresh salt holds out 10% of it, and a small region had none held out now and then.
        var region = await db.Customers.GroupBy(c => c.Region).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        var builder = new AudienceBuilder(db, new Application.Models.ModelStore(db), Microsoft.Extensions.Options.Options.Create(new Application.Targeting.TargetingOptions()));
        var period = await DrawTodayAsync(10);
        var rules = new AudienceRules { Regions = [region] };
        var plan = (await builder.PlanAsync(new AudienceRequest(campaign.Id, rules, AudienceSelection.Everyone))).Value!;
        Assert.True((await builder.SaveAsync(plan, Marketer)).Succeeded);
        Assert.True((await demo.Campaigns.SubmitAsync(campaign.Id, Marketer)).Succeeded);
        Assert.True((await demo.Campaigns.ApproveAsync(campaign.Id, Manager, null)).Succeeded);

        Assert.True((await demo.Campaigns.LaunchAsync(campaign.Id, Manager, 0.1)).Succeeded);

        var inRegion = await db.Customers.Where(c => c.Region == region).Select(c => c.Id).ToListAsync();
        var qualifiers = await db.CampaignQualifiers.Where(q => q.CampaignId == campaign.Id).ToListAsync();
        Assert.Equal(inRegion.Order(), qualifiers.Select(q => q.CustomerId).Order());
        Assert.All(qualifiers, q => Assert.Equal(period.Holds(q.CustomerId), q.HeldOut));
        var heldOut = qualifiers.Where(q => q.HeldOut).Select(q => q.CustomerId).ToList();
        Assert.NotEmpty(heldOut);
        Assert.Equal(plan.HeldOut, heldOut.Count);
        Assert.Empty(plan.Targeted.Intersect(heldOut));
        var launchedAt = await db.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.UpdatedAt).SingleAsync();
        Assert.All(qualifiers, q => Assert.Equal(launchedAt, q.QualifiedAt));

        var assignments = new AssignmentService(demo.Factory, new MoneyFormat("EUR"), new BestSellerCache());
        var key = await db.Customers.Where(c => c.Id == heldOut[0]).Select(c => c.ExternalId).SingleAsync();
        Assert.False((await assignments.AssignAsync(new AssignmentRequest(campaign.Id, key), CancellationToken.None)).Succeeded);
        Assert.False(await db.Assignments.AnyAsync(a => heldOut.Contains(a.CustomerId) && db.Experiments.Any(e => e.Id == a.ExperimentId && e.CampaignId == campaign.Id)));
    }
}
