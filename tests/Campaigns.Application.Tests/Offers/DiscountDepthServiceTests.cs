using Campaigns.Analytics.Offers;
using Campaigns.Application.Offers;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Offers;

public sealed class DiscountDepthServiceTests(OfferDemoDatabase store) : IClassFixture<OfferDemoDatabase>
{
    private static Promotion Percent(decimal pct, string? code = null) =>
        new() { Type = PromotionType.PercentDiscount, PercentOff = pct, Channel = Channel.Email, CouponCode = code };

    private async Task<Guid> DraftCampaignAsync(params Promotion[] offers)
    {
        await using var db = store.Open();
        var campaign = new Campaign
        {
            Name = $"Depth {Guid.NewGuid():N}", CreatedBy = "tests", Budget = 2000, Promotion = offers[0], AlternativeOffers = offers[1..].ToList(),
            StartsAt = DemoDatabase.AsOf.AddDays(3), EndsAt = DemoDatabase.AsOf.AddDays(17),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    private static DiscountDepthService Depths(Data.CampaignsDbContext db) => new(db, OfferDemoDatabase.Money);

    [Fact]
    public async Task Every_depth_in_the_range_is_priced_and_each_customer_gets_the_most_profitable_depth_or_none()
    {
        var id = await DraftCampaignAsync(Percent(15, "SPRING-15"));
        await using var db = store.Open();
        var applied = await Depths(db).ApplyAsync(id, new DepthRange(10, 25, 5), "marketer@tests");
        Assert.True(applied.Succeeded, applied.Message);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal([10m, 15m, 20m, 25m], campaign.Offers.Select(o => o.PercentOff!.Value));
        Assert.Equal(["SPRING-10", "SPRING-15", "SPRING-20", "SPRING-25"], campaign.Offers.Select(o => o.CouponCode));
        Assert.All(campaign.Offers, o => Assert.Equal(Channel.Email, o.Channel));

        var plans = store.Plans(db);
        var result = (await plans.PlanAsync(new OfferPlanRequest(id, new AudienceRules(), null))).Value!;
        Assert.Equal(4, result.Offers.Count);
        var keys = await db.Customers.ToDictionaryAsync(c => c.Id, c => c.ExternalId);
        Assert.InRange(result.Plan.Value.Customers, 1, result.Eligible - 1);
        var given = Enumerable.Range(0, result.Eligible).Where(i => result.Plan.Choice[i] != OfferPlanner.None).Take(6);
        var none = Enumerable.Range(0, result.Eligible).Where(i => result.Plan.Choice[i] == OfferPlanner.None).Take(3);
        foreach (var i in given.Concat(none))
        {
            // Each depth priced on its own for this customer: the plan's choice (without a budget) is the best of them, or none when none pays.
            var priced = (await plans.ExplainAsync(id, keys[result.CustomerIds[i]])).Value!.Offers.Select(o => o.Estimate.Profit).ToList();
            var best = Enumerable.Range(0, priced.Count).MaxBy(k => priced[k]);
            if (result.Plan.Choice[i] == OfferPlanner.None) Assert.True(priced[best] <= 1e-9, $"customer {i} is worth {priced[best]} at depth {best}");
            else
            {
                Assert.Equal(best, result.Plan.Choice[i]);
                Assert.Equal(priced[best], result.ChosenProfit[i], 6);
            }
        }
        // The summary by discount habit covers every eligible customer and the plan's choices.
        Assert.Equal(result.Eligible, result.Segments.Sum(s => s.Customers));
        Assert.Equal(result.Plan.Value.Customers, result.Segments.Sum(s => s.PerOffer.Sum()));
        Assert.Equal(result.Plan.Value.Profit, result.Segments.Sum(s => s.Profit), 6);
    }

    [Theory]
    [InlineData(20, 10, 5, "Max", "above the smallest")]
    [InlineData(10, 95, 5, "Max", "at most 90%")]
    [InlineData(5, 90, 5, "Step", "more than 5 depths")]
    [InlineData(10, 25, 10, "Step", "do not end on 25%")]
    [InlineData(0, 20, 5, "Min", "above zero")]
    public async Task A_range_that_cannot_be_offered_is_refused_by_field_and_the_offers_stay(int min, int max, int step, string field, string message)
    {
        var id = await DraftCampaignAsync(Percent(15));
        await using var db = store.Open();
        var applied = await Depths(db).ApplyAsync(id, new DepthRange(min, max, step), "marketer@tests");
        var error = Assert.Single(applied.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.Equal([15m], (await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id)).Offers.Select(o => o.PercentOff!.Value));
    }

    [Fact]
    public async Task Offers_of_another_type_stay_and_a_saved_plan_naming_the_old_offers_is_removed()
    {
        var id = await DraftCampaignAsync(Percent(20, "TWENTY"), new Promotion { Type = PromotionType.FreeShipping, Channel = Channel.Email, CouponCode = "SHIP" }, Percent(10, "TEN"));
        await using var db = store.Open();
        var plans = store.Plans(db);
        var plan = (await plans.PlanAsync(new OfferPlanRequest(id, new AudienceRules { Regions = ["North"] }, null))).Value!;
        Assert.NotNull((await plans.SaveAsync(plan, "marketer@tests")).Value);

        var applied = await Depths(db).ApplyAsync(id, new DepthRange(10, 20, 5), "marketer@tests");
        Assert.True(applied.Succeeded, applied.Message);
        Assert.Contains("removed", applied.Message);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal(["10% off", "15% off", "20% off", "Free shipping"], campaign.Offers.Select(o => o.Describe()));
        Assert.False(await db.Audiences.AnyAsync(a => a.CampaignId == id));
    }

    [Fact]
    public async Task A_launched_campaign_keeps_its_offers()
    {
        var id = await DraftCampaignAsync(Percent(15));
        await using var db = store.Open();
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == id);
        campaign.RestoreStatus(CampaignStatus.Live);
        await db.SaveChangesAsync();
        var applied = await Depths(db).ApplyAsync(id, new DepthRange(10, 25, 5), "marketer@tests");
        Assert.Contains("cannot change its offers", applied.Message);
    }
}
