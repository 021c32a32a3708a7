using Campaigns.Application.Models;
using Campaigns.Application.Offers;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Tests.Offers;

public sealed class OfferPlanSetupTests(EmptyDatabase store) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task Without_a_current_offer_model_the_plan_says_why_first_none_trained_then_a_candidate_that_did_not_pay()
    {
        await using var db = store.Open();
        var campaign = new Campaign
        {
            Name = "Two offers", CreatedBy = "tests", Budget = 100,
            Promotion = new() { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Push },
            AlternativeOffers = [new() { Type = PromotionType.FreeShipping, Channel = Channel.Push }],
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        var plans = new OfferPlanService(db, new ModelStore(db), OfferDemoDatabase.Money, Options.Create(new TargetingOptions()), TimeProvider.System);

        var setup = (await plans.SetupAsync(campaign.Id))!;
        Assert.Null(setup.Model);
        Assert.Equal(["10% off", "Free shipping"], setup.Offers.Select(o => o.Name));
        Assert.StartsWith("No offer model has been trained yet", setup.WhyNoModel);

        db.ModelVersions.Add(new ModelVersion
        {
            Kind = ModelKind.OfferTargeting, Version = 1, Learner = "T", Status = ModelStatus.Candidate, MainMetric = -0.01, ArtifactSha256 = "", TriggeredBy = "tests",
        });
        await db.SaveChangesAsync();
        var refused = await plans.PlanAsync(new OfferPlanRequest(campaign.Id, new AudienceRules(), null));
        Assert.Null(refused.Value);
        Assert.Equal("Offer model v1 is a candidate, not current: on customers it did not learn from, its plan earned no more than sending nothing. An Admin can review it, or train another, on the Models page.",
            refused.Message);
    }
}
