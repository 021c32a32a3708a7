using Bunit;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Experiments;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Features.Campaigns.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Campaigns;

/// <summary>The customers the launch plan asks for, for the arms the launch will make.</summary>
public class LaunchPlanTests : ComponentTest
{
    private static readonly DesignBaseline Baseline = new(0.05, 10_000, 1_000);

    private static Campaign ApprovedThreeOffers()
    {
        var c = new Campaign
        {
            Name = "Summer", CreatedBy = "m", StartsAt = new DateTime(2026, 6, 1), EndsAt = new DateTime(2026, 6, 15), Budget = 500,
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Email },
            AlternativeOffers =
            [
                new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Email },
                new Promotion { Type = PromotionType.FreeShipping, Channel = Channel.Email },
            ],
        };
        c.Submit("marketer");
        c.Approve("manager", null, []);
        return c;
    }

    private string PlanText(bool modelChoice)
    {
        SignInAs("Manager");
        var box = Render<CampaignApproval>(p => p.Add(a => a.Campaign, ApprovedThreeOffers()).Add(a => a.Baseline, Baseline).Add(a => a.ModelChoice, modelChoice));
        return box.Find("[data-testid=power-plan]").TextContent;
    }

    [Theory]
    [InlineData(true, "each of the 3 offer arms and the model's choice, each compared at 5% ÷ 4")]
    [InlineData(false, "each of the 3 offer arms, each compared at 5% ÷ 3")]
    public void The_plan_sizes_the_arms_the_launch_makes_with_or_without_the_models_choice(bool modelChoice, string arms)
    {
        var campaign = ApprovedThreeOffers();
        var expected = ExperimentDesign.Plan(Baseline, 0.1, 0.1, campaign.TreatedArmShares(0.1, 0, modelChoice))!;

        var text = PlanText(modelChoice);

        Assert.Contains(arms, text);
        Assert.Contains($"about {Display.Count(expected.Total)} in all", text);
    }

    [Fact]
    public void The_models_choice_leaves_each_offer_a_smaller_arm_so_the_test_needs_more_customers()
    {
        var campaign = ApprovedThreeOffers();
        var withModel = ExperimentDesign.Plan(Baseline, 0.1, 0.1, campaign.TreatedArmShares(0.1, 0, modelChoice: true))!;
        var offersOnly = ExperimentDesign.Plan(Baseline, 0.1, 0.1, campaign.TreatedArmShares(0.1, 0, modelChoice: false))!;

        // Holdout 10%: the offers share 45% (15% each) and the model's choice gets 45%; without it each offer gets 30%.
        Assert.Equal((long)Math.Ceiling(withModel.PerArm / 0.10), withModel.Total);
        Assert.True(withModel.Total > offersOnly.Total);
    }
}
