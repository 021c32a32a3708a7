using Bunit;
using Campaigns.Analytics.Offers;
using Campaigns.Application.Offers;
using Campaigns.Ml.Offers;
using Campaigns.Web.Features.Models.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Models;

/// <summary>The Models page's view of an offer model version: what its plan earned out of fold and how its learner was chosen.</summary>
public class OfferModelDetailsTests : ComponentTest
{
    private static PolicyEstimate Estimate(double dr, double ips) => new(new ValueEstimate(ips, 0.1, ips - 0.2, ips + 0.2), new ValueEstimate(dr, 0.1, dr - 0.2, dr + 0.2));

    private static OfferModelMetrics Metrics()
    {
        var evaluation = new OfferEvaluation(5000, Estimate(1.40, 1.35), Estimate(0.25, 0.22), [Estimate(1.15, 1.13), Estimate(0.90, 0.88)], Estimate(1.02, 1.01), [3000, 2000],
            [new OfferCostPoint(null, 0, 0, new ValueEstimate(0, 0, 0, 0)), new OfferCostPoint(0.5, 2000, 0.8, new ValueEstimate(0.25, 0.1, 0.05, 0.45))], Projected: 0.61);
        OfferCandidateScore Score(string learner, double profit, double error) => new(learner, profit, error, [profit - error, profit + error], TimeSpan.FromSeconds(4.2));
        return new OfferModelMetrics(["none", "offer"], "T", [Score("S", -0.041, 0.012), Score("T", -0.031, 0.028), Score("DR", -0.009, 0.030)], 13, 106_000, 5000,
            evaluation, "Promoted: the first working model.");
    }

    [Fact]
    public void Shows_the_plan_against_each_policy_and_marks_the_chosen_learner_with_the_rule_it_was_chosen_by()
    {
        var view = Render<OfferModelDetails>(p => p.Add(c => c.Details, new OfferVersionDetails(Metrics(), null)));

        var policies = view.FindAll("[data-testid=offer-policies] tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal(["The model's plan", "Each experiment's own offer for everyone", "No offer"], policies);
        Assert.Contains("1.40", view.Find("[data-testid=policy-plan]").TextContent);
        Assert.Contains("+", view.Find("[data-testid=plan-over-nothing]").TextContent);
        Assert.Contains("0.25", view.Find("[data-testid=plan-over-nothing]").TextContent);
        // Beside what the plan earned, what the model had expected of it on the same customers.
        Assert.Contains("the model expected +€0.61 for these customers", view.Find("[data-testid=plan-over-nothing]").TextContent);
        var candidates = view.FindAll("[data-testid=candidates] tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal(1, candidates.Count(c => c.EndsWith('✓')));
        Assert.EndsWith("✓", candidates[1]);
        // Candidates differ by fractions of a cent per customer: shown to a tenth of one.
        Assert.Contains("−€0.041", view.Find("[data-testid=candidates] tbody tr").TextContent);
        Assert.Contains("2 folds", view.Find("[data-testid=candidates] thead").TextContent);
        Assert.Contains("pick among those offers", view.Find("[data-testid=candidates-rule]").TextContent);
        Assert.Contains("13 past experiments", view.Find("[data-testid=offer-details]").TextContent);
    }

    [Fact]
    public void Says_so_when_a_version_has_no_stored_evaluation()
    {
        var view = Render<OfferModelDetails>(p => p.Add(c => c.Details, new OfferVersionDetails(null, null)));

        Assert.Contains("No evaluation is stored", view.Markup);
    }
}
