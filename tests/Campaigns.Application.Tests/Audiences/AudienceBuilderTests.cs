using Campaigns.Application.Audiences;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Audiences;

public sealed class AudienceBuilderTests(TrainedDemoDatabase store) : IClassFixture<TrainedDemoDatabase>
{
    private async Task<Guid> DraftCampaignAsync(Promotion? promotion = null)
    {
        await using var db = store.Open();
        var campaign = new Campaign
        {
            Name = $"Test {Guid.NewGuid():N}",
            CreatedBy = "tests",
            Budget = 1000,
            Promotion = promotion ?? new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Push },
            StartsAt = DemoDatabase.AsOf.AddDays(3),
            EndsAt = DemoDatabase.AsOf.AddDays(17),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    [Fact]
    public void The_first_trained_model_is_current_and_better_than_random()
    {
        Assert.True(store.Report.Promoted, store.Report.Decision);
        Assert.True(store.Report.QiniCoefficient > 0);
    }

    [Fact]
    public async Task A_budgeted_audience_never_expects_to_spend_more_than_the_budget_and_takes_the_most_profitable_first()
    {
        var id = await DraftCampaignAsync();
        await using var db = store.Open();
        var plan = (await store.Audiences(db).PlanAsync(new AudienceRequest(id, new AudienceRules(), AudienceSelection.Budget, Budget: 300))).Value!;
        var allocation = Assert.IsType<Analytics.Targeting.Allocation>(plan.Allocation);
        Assert.InRange(allocation.ExpectedCost, 0, 300);
        Assert.NotEmpty(plan.Targeted);
        Assert.True(plan.Targeted.Count < plan.Eligible);
        Assert.All(plan.TargetedProfit.Zip(plan.TargetedProfit.Skip(1)), pair => Assert.True(pair.First >= pair.Second));
        Assert.All(plan.TargetedUplift, u => Assert.True(u >= 0));
        Assert.True(allocation.Profit > 0);
    }

    [Fact]
    public async Task Customers_the_model_expects_to_put_off_are_left_out_and_counted()
    {
        var id = await DraftCampaignAsync();
        await using var db = store.Open();
        var plan = (await store.Audiences(db).PlanAsync(new AudienceRequest(id, new AudienceRules(), AudienceSelection.Everyone))).Value!;
        Assert.True(plan.Allocation!.PutOff > 0, "the demo store has customers a promotion puts off");
        Assert.Equal(plan.Eligible, plan.Targeted.Count + plan.Allocation.PutOff);
    }

    [Fact]
    public async Task Rules_decide_who_is_eligible_and_the_random_cell_is_apart_from_the_targeted()
    {
        var id = await DraftCampaignAsync();
        await using var db = store.Open();
        var region = await db.Customers.GroupBy(c => c.Region).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var rules = new AudienceRules { Regions = [region], MinOrders = 1 };
        var plan = (await store.Audiences(db).PlanAsync(new AudienceRequest(id, rules, AudienceSelection.TopPercent, TopPercent: 50, RandomCellShare: 0.1))).Value!;
        Assert.Equal(await db.Customers.CountAsync(c => c.Region == region && c.Behaviour.OrderCount >= 1), plan.Eligible);
        Assert.NotEmpty(plan.RandomCell);
        Assert.Empty(plan.Targeted.Intersect(plan.RandomCell));
        var members = plan.Targeted.Concat(plan.RandomCell).ToList();
        Assert.Equal(members.Count, await db.Customers.CountAsync(c => members.Contains(c.Id) && c.Region == region && c.Behaviour.OrderCount >= 1));
    }

    [Fact]
    public async Task Saving_replaces_the_campaigns_previous_audience_with_every_member()
    {
        var id = await DraftCampaignAsync();
        await using var db = store.Open();
        var builder = store.Audiences(db);
        await builder.SaveAsync((await builder.PlanAsync(new AudienceRequest(id, new AudienceRules(), AudienceSelection.TopPercent, TopPercent: 30))).Value!, "tests");
        var plan = (await builder.PlanAsync(new AudienceRequest(id, new AudienceRules(), AudienceSelection.Budget, Budget: 200, RandomCellShare: 0.05))).Value!;
        var saved = (await builder.SaveAsync(plan, "tests")).Value!;

        await using var check = store.Open();
        var audience = await check.Audiences.SingleAsync(a => a.CampaignId == id);
        Assert.Equal(saved.Id, audience.Id);
        Assert.Equal(plan.Targeted.Count, await check.AudienceMembers.CountAsync(m => m.AudienceId == audience.Id && m.Cell == AudienceCell.Targeted));
        Assert.Equal(plan.RandomCell.Count, await check.AudienceMembers.CountAsync(m => m.AudienceId == audience.Id && m.Cell == AudienceCell.Random));
        Assert.Equal(plan.Targeted.Count + plan.RandomCell.Count, await check.AudienceMembers.CountAsync(m => check.Audiences.Any(a => a.Id == m.AudienceId && a.CampaignId == id)));
        Assert.Equal(plan.Allocation!.Profit, audience.ExpectedProfit, 6);
    }

    [Fact]
    public async Task A_live_campaigns_audience_cannot_be_replaced()
    {
        await using var db = store.Open();
        var live = await db.Campaigns.FirstAsync(c => c.Status == CampaignStatus.Live);
        var builder = store.Audiences(db);
        var plan = (await builder.PlanAsync(new AudienceRequest(live.Id, new AudienceRules(), AudienceSelection.TopPercent, TopPercent: 10))).Value!;
        var refused = await builder.SaveAsync(plan, "tests");
        Assert.False(refused.Succeeded);
        Assert.Contains("launched", refused.Message);
        Assert.False(await db.Audiences.AnyAsync(a => a.CampaignId == live.Id));
    }

    [Fact]
    public async Task Contradictory_rules_are_refused_with_a_message()
    {
        var id = await DraftCampaignAsync();
        await using var db = store.Open();
        var error = await store.Audiences(db).PlanAsync(
            new AudienceRequest(id, new AudienceRules { MinOrders = 5, MaxOrders = 2 }, AudienceSelection.Budget, Budget: 0));
        Assert.False(error.Succeeded);
        Assert.Contains("Minimum orders is above maximum orders", error.Message);
        Assert.Contains("budget above zero", error.Message);
    }

    [Fact]
    public async Task Imported_custom_attributes_decide_who_is_eligible()
    {
        var id = await DraftCampaignAsync();
        await using var db = store.Open();
        // As an import stores them: a JSON object of strings.
        await db.Customers.Where(c => c.ExternalId.EndsWith("7")).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomAttributesJson, "{\"loyalty_tier\":\"gold\",\"country\":\"DE\"}"));
        await db.Customers.Where(c => c.ExternalId.EndsWith("3")).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomAttributesJson, "{\"loyalty_tier\":\"silver\",\"country\":\"DE\"}"));
        var rules = new AudienceRules { Attributes = new() { ["loyalty_tier"] = "gold", ["country"] = "DE" } };

        var plan = (await store.Audiences(db).PlanAsync(new AudienceRequest(id, rules, AudienceSelection.Everyone))).Value!;

        Assert.Equal(await db.Customers.CountAsync(c => c.ExternalId.EndsWith("7")), plan.Eligible);
        Assert.Contains("loyalty_tier = gold", rules.Describe());
    }

    [Fact]
    public async Task Weighing_retention_is_off_by_default_and_on_ranks_a_valuable_customer_at_risk_above_an_otherwise_equal_safe_one()
    {
        var id = await DraftCampaignAsync();
        await using var db = store.Open();
        var builder = store.Audiences(db);
        var request = new AudienceRequest(id, new AudienceRules(), AudienceSelection.Everyone);
        var before = (await builder.PlanAsync(request)).Value!;
        // Neighbours in the ranking with the same predicted value: the safe one just ahead of the one at risk.
        var (safe, atRisk) = (before.Targeted[10], before.Targeted[11]);
        var (safeOutlook, atRiskOutlook) = (new RetentionOutlook(0.02, 400), new RetentionOutlook(0.9, 400));
        db.CustomerScores.AddRange(Score(safe, safeOutlook), Score(atRisk, atRiskOutlook));
        await db.SaveChangesAsync();
        try
        {
            // Plans made seconds apart score customers as of their own moment: a customer whose days since the last order
            // crossed a tree's split in between changes price, so the plans are compared through their retention sums
            // (every bonus, counted) and the two customers with predictions, not every customer's profit.
            var off = (await builder.PlanAsync(request)).Value!;
            Assert.False(request.WeighRetention);
            Assert.Equal(0, off.RetentionProfit);
            var profitOff = off.Targeted.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => off.TargetedProfit[x.i]);
            Assert.Equal(before.TargetedProfit[10], profitOff[safe], 9);
            Assert.Equal(before.TargetedProfit[11], profitOff[atRisk], 9);

            var on = (await builder.PlanAsync(request with { WeighRetention = true })).Value!;
            Assert.Equal(2, on.WithPredictions);
            Assert.True(on.Targeted.ToList().IndexOf(atRisk) < on.Targeted.ToList().IndexOf(safe), "the customer at risk now ranks first");
            var economics = await StoreEconomics.ReadAsync(db, new TargetingOptions(), default);
            double Gain(Guid customer, RetentionOutlook outlook) => before.TargetedUplift[before.Targeted.ToList().IndexOf(customer)] * economics.RetentionValue(outlook);
            Assert.Equal(Gain(atRisk, atRiskOutlook) + Gain(safe, safeOutlook), on.RetentionProfit, 9);
            var profitOn = on.Targeted.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => on.TargetedProfit[x.i]);
            Assert.Equal(before.TargetedProfit[11] + Gain(atRisk, atRiskOutlook), profitOn[atRisk], 9);
            Assert.Equal(before.TargetedProfit[10] + Gain(safe, safeOutlook), profitOn[safe], 9);

            var saved = await builder.SaveAsync(on, "tests");
            Assert.True((await db.Audiences.AsNoTracking().SingleAsync(a => a.Id == saved.Value!.Id)).WeighRetention);
        }
        finally
        {
            await db.CustomerScores.Where(x => x.CustomerId == safe || x.CustomerId == atRisk).ExecuteDeleteAsync();
        }
    }

    private static CustomerScore Score(Guid customer, RetentionOutlook outlook) => new()
    {
        CustomerId = customer, ChurnRisk = outlook.ChurnRisk, PredictedValue = (decimal)outlook.PredictedValue, PurchaseProbability = 1 - outlook.ChurnRisk,
        Persona = "tests", ScoredAt = DemoDatabase.AsOf, ModelVersionId = Guid.NewGuid(),
    };
}
