using Campaigns.Analytics.Offers;
using Campaigns.Application.ContactRules;
using Campaigns.Application.Offers;
using Campaigns.Application.Programme;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Offers;

public sealed class OfferPlanServiceTests(OfferDemoDatabase store) : IClassFixture<OfferDemoDatabase>
{
    private static readonly Promotion[] ThreeOffers =
    [
        new() { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Push, CouponCode = "TWENTY" },
        new() { Type = PromotionType.FreeShipping, Channel = Channel.Push, CouponCode = "SHIP" },
        new() { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Push, CouponCode = "TEN" },
    ];

    private async Task<Guid> DraftCampaignAsync(params Promotion[] offers)
    {
        await using var db = store.Open();
        var campaign = new Campaign
        {
            Name = $"Offers {Guid.NewGuid():N}", CreatedBy = "tests", Budget = 2000, Promotion = offers[0], AlternativeOffers = offers[1..].ToList(),
            StartsAt = DemoDatabase.AsOf.AddDays(3), EndsAt = DemoDatabase.AsOf.AddDays(17),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    [Fact]
    public async Task The_trained_offer_model_is_stored_with_its_held_out_policy_values()
    {
        Assert.Equal(ModelKind.OfferTargeting, store.Trained.Kind);
        // Promoted only when its plan beats sending nothing on held-out customers, which the decision says either way.
        Assert.Equal(store.Trained.MainMetric > 0 ? ModelStatus.Current : ModelStatus.Candidate, store.Trained.Status);
        Assert.Contains("profit per customer", store.Trained.Decision, StringComparison.OrdinalIgnoreCase);
        await using var db = store.Open();
        var version = await db.ModelVersions.SingleAsync(v => v.Id == store.Trained.VersionId);
        var metrics = OfferModelMetrics.FromJson(version.MetricsJson)!;
        Assert.Equal(["No promotion", "Promotion"], metrics.Arms);
        Assert.Equal(2, metrics.Evaluation.SingleArms.Count);
        Assert.True(metrics.Evaluation.Rows > 1000);
        Assert.Equal(metrics.Evaluation.PlanOverNothing.Dr.Value, version.MainMetric!.Value, 9);
        Assert.NotEmpty(metrics.Evaluation.CostCurve);
    }

    [Fact]
    public async Task A_campaign_with_one_offer_has_nothing_to_plan()
    {
        var id = await DraftCampaignAsync(ThreeOffers[0]);
        await using var db = store.Open();
        var result = await store.Plans(db).PlanAsync(new OfferPlanRequest(id, new AudienceRules(), null));
        Assert.Null(result.Value);
        Assert.Contains("one offer", result.Message);
    }

    [Fact]
    public async Task The_plan_gives_every_eligible_customer_an_offer_or_none_within_the_budget()
    {
        var id = await DraftCampaignAsync(ThreeOffers);
        await using var db = store.Open();
        var unlimited = (await store.Plans(db).PlanAsync(new OfferPlanRequest(id, new AudienceRules(), null))).Value!;
        Assert.Equal(await db.Customers.CountAsync(), unlimited.Eligible);
        Assert.Equal(unlimited.Plan.Value.Customers, unlimited.PerOffer.Sum(v => v.Customers));
        Assert.True(unlimited.Plan.Value.Customers < unlimited.Eligible, "some customers are worth no offer");
        // Without a limit the plan earns at least what any one offer earns, targeted or given to all.
        Assert.All(unlimited.Everyone.Concat(unlimited.SingleOffer), v => Assert.True(unlimited.Plan.Value.Profit >= v.Profit - 1e-6));

        var budget = (decimal)Math.Round(unlimited.Plan.Value.Spend / 4, 2);
        var tight = (await store.Plans(db).PlanAsync(new OfferPlanRequest(id, new AudienceRules(), budget))).Value!;
        Assert.InRange(tight.Plan.Value.Spend, 0, (double)budget);
        Assert.True(tight.Plan.Value.Profit < unlimited.Plan.Value.Profit);
        Assert.Contains(tight.Plan.Curve, p => p.Spend == tight.Plan.Value.Spend);
    }

    [Fact]
    public async Task Saving_stores_every_eligible_customer_with_the_offer_the_plan_chose()
    {
        var id = await DraftCampaignAsync(ThreeOffers);
        await using var db = store.Open();
        var plans = store.Plans(db);
        var result = (await plans.PlanAsync(new OfferPlanRequest(id, new AudienceRules { Regions = ["North"] }, 500m))).Value!;
        var saved = await plans.SaveAsync(result, "marketer@tests");
        Assert.NotNull(saved.Value);
        var members = await db.AudienceMembers.Where(m => m.AudienceId == saved.Value!.Id).ToListAsync();
        Assert.Equal(result.Eligible, members.Count);
        var choice = result.CustomerIds.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => result.Plan.Choice[x.i]);
        Assert.All(members, m => Assert.Equal(choice[m.CustomerId] == OfferPlanner.None ? null : choice[m.CustomerId], m.OfferPosition));
        Assert.Equal(AudienceSelection.OfferPlan, saved.Value!.Selection);
        // Those given an offer come first, most profitable first.
        var ranked = members.OrderBy(m => m.Rank).ToList();
        Assert.Equal(ranked.TakeWhile(m => m.OfferPosition is not null).Count(), result.Plan.Value.Customers);
    }

    [Fact]
    public async Task The_plan_leaves_out_the_global_holdout_and_the_customers_contact_rules_cap_and_the_saved_audience_counts_them()
    {
        var id = await DraftCampaignAsync(ThreeOffers);
        var holdout = await new HoldoutAdmin(store.Factory).SaveAsync(new HoldoutRequest(10, DateTime.UtcNow.Date, Redraw: true, Reason: "offer plan test"), "admin@tests");
        Assert.True(holdout.Succeeded, holdout.Message);
        Assert.True((await new ContactRuleAdmin(store.Factory).SaveAsync(new ContactRuleForm { Channel = null, Limit = 1, WindowDays = 30 }, "admin@tests")).Succeeded);
        try
        {
            await using var db = store.Open();
            var everyone = await db.Customers.Select(c => c.Id).OrderBy(c => c).ToListAsync();
            var held = everyone.Where(holdout.Value!.Holds).ToHashSet();
            var open = everyone.Where(c => !held.Contains(c)).ToList();
            // An approved campaign over the same days keeps 40 customers for more than any offer here earns; 25 it plans for less come here.
            var (kept, lesser) = (open.Take(40).ToList(), open.Skip(40).Take(25).ToList());
            var rival = await DraftCampaignAsync(ThreeOffers[1]);
            var approved = await db.Campaigns.SingleAsync(c => c.Id == rival);
            approved.RestoreStatus(CampaignStatus.Approved);
            var audience = new Audience { CampaignId = rival, CreatedBy = "tests" };
            db.Audiences.Add(audience);
            db.AudienceMembers.AddRange(kept.Select((c, i) => new AudienceMember { AudienceId = audience.Id, CustomerId = c, Cell = AudienceCell.Targeted, Rank = i + 1, ExpectedProfit = 1e9 })
                .Concat(lesser.Select((c, i) => new AudienceMember { AudienceId = audience.Id, CustomerId = c, Cell = AudienceCell.Targeted, Rank = 41 + i, ExpectedProfit = -1 })));
            await db.SaveChangesAsync();

            var plans = store.Plans(db);
            var result = (await plans.PlanAsync(new OfferPlanRequest(id, new AudienceRules(), null))).Value!;

            Assert.NotEmpty(held);
            Assert.Equal(held.Count, result.HeldOut);
            Assert.Equal((kept.Count, lesser.Count), (result.ContactCapped, result.ContactTaken));
            Assert.Equal(open.Except(kept).Order(), result.CustomerIds.Order());
            Assert.Equal(result.Eligible, result.Segments.Sum(s => s.Customers));

            var saved = (await plans.SaveAsync(result, "marketer@tests")).Value!;
            Assert.Equal((kept.Count, result.Eligible + kept.Count), (saved.ContactCapped, saved.Eligible));
            var members = await db.AudienceMembers.Where(m => m.AudienceId == saved.Id).Select(m => m.CustomerId).ToListAsync();
            Assert.Equal(result.Eligible, members.Count);
            Assert.Empty(members.Intersect(held).Concat(members.Intersect(kept)));
        }
        finally
        {
            // The holdout and the rules cover the whole store: the class's other tests plan without them.
            await using var db = store.Open();
            await db.HoldoutPeriods.ExecuteDeleteAsync();
            await db.ContactRules.ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Explaining_a_customer_prices_every_offer_with_its_drivers_and_an_unknown_customer_is_named()
    {
        var id = await DraftCampaignAsync(ThreeOffers);
        await using var db = store.Open();
        var key = await db.Customers.OrderBy(c => c.ExternalId).Select(c => c.ExternalId).FirstAsync();
        var explained = (await store.Plans(db).ExplainAsync(id, key)).Value!;
        Assert.Equal(3, explained.Offers.Count);
        Assert.All(explained.Offers, o => Assert.InRange(o.Estimate.PBuy, 0, 1));
        Assert.Contains(explained.Offers, o => o.Drivers.Count > 0);
        var unknown = await store.Plans(db).ExplainAsync(id, "nobody");
        Assert.Contains("'nobody'", unknown.Message);
    }

    [Fact]
    public async Task Weighing_retention_adds_the_customers_retention_value_to_every_purchase_an_offer_causes_and_only_for_scored_customers()
    {
        var id = await DraftCampaignAsync(ThreeOffers);
        await using var db = store.Open();
        // Recency and tenure are features: the two plans and the explanations must all see one moment.
        var plans = store.Plans(db, new FrozenClock(DateTimeOffset.UtcNow));
        var request = new OfferPlanRequest(id, new AudienceRules(), null);
        var scored = await db.Customers.OrderBy(c => c.ExternalId).Take(3).Select(c => new { c.Id, c.ExternalId }).ToListAsync();
        var outlook = new RetentionOutlook(0.9, 500);
        db.CustomerScores.AddRange(scored.Select(c => new CustomerScore
        {
            CustomerId = c.Id, ChurnRisk = outlook.ChurnRisk, PredictedValue = (decimal)outlook.PredictedValue, Persona = "tests",
            ScoredAt = DemoDatabase.AsOf, ModelVersionId = Guid.NewGuid(),
        }));
        await db.SaveChangesAsync();
        try
        {
            var off = (await plans.PlanAsync(request)).Value!;
            var on = (await plans.PlanAsync(request with { WeighRetention = true })).Value!;
            Assert.Equal(0, off.RetentionProfit);
            Assert.Equal(3, on.WithPredictions);
            Assert.True(on.RetentionProfit > 0);

            var retention = (await StoreEconomics.ReadAsync(db, new TargetingOptions(), default)).RetentionValue(outlook);
            foreach (var customer in scored)
            {
                // Without a budget each customer gets the offer that earns most, now with the retention value of the purchases it causes.
                var options = (await plans.ExplainAsync(id, customer.ExternalId)).Value!.Offers
                    .Select(o => o.Estimate.Profit + (o.Estimate.PBuy - o.Estimate.PNone) * retention).ToList();
                var i = on.CustomerIds.ToList().IndexOf(customer.Id);
                Assert.Equal(options.Max() > 0 ? options.Max() : 0, on.ChosenProfit[i], 6);
            }
            var unscored = Enumerable.Range(0, off.Eligible).Where(i => scored.All(c => c.Id != off.CustomerIds[i])).ToList();
            Assert.All(unscored, i => Assert.Equal(off.ChosenProfit[i], on.ChosenProfit[i]));
            Assert.All(unscored, i => Assert.Equal(off.Plan.Choice[i], on.Plan.Choice[i]));

            var saved = await plans.SaveAsync(on, "marketer@tests");
            Assert.True((await db.Audiences.AsNoTracking().SingleAsync(a => a.Id == saved.Value!.Id)).WeighRetention);
        }
        finally
        {
            var ids = scored.Select(c => c.Id).ToList();
            await db.CustomerScores.Where(x => ids.Contains(x.CustomerId)).ExecuteDeleteAsync();
        }
    }

    private sealed class FrozenClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
