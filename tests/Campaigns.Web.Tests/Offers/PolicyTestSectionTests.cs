using Bunit;
using Campaigns.Analytics.Offers;
using Campaigns.Application.Offers;
using Campaigns.Web.Features.Offers.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Offers;

public class PolicyTestSectionTests : ComponentTest
{
    private static ValueEstimate Estimate(double value, double half) => new(value, half / 1.96, value - half, value + half);

    [Fact]
    public void The_model_s_choice_is_compared_with_each_policy_and_each_cell_shows_its_profit()
    {
        var test = new PolicyTestView(
        [
            new PolicyCell("Holdout", 1000, 0.05, Estimate(2, 0.5), null),
            new PolicyCell("Model's choice", 2000, 0.08, Estimate(3.5, 0.4), Estimate(1.5, 0.6)),
        ],
        [new PolicyComparison("20% off for everyone", Estimate(0.75, 0.5)), new PolicyComparison(PolicyTestResults.RandomOffer, null)], HasModelChoice: true);
        var section = Render<PolicyTestSection>(p => p.Add(s => s.Test, test));

        var comparisons = section.Find("[data-testid=policy-comparisons]").TextContent;
        Assert.Contains("20% off for everyone", comparisons);
        Assert.Contains("+€0.75", comparisons);
        Assert.Contains("+€0.25 to +€1.25", comparisons);
        Assert.Contains("not enough customers yet", comparisons);
        Assert.Contains("€3.50 (€3.10 to €3.90)", section.Find("[data-testid=policy-cells]").TextContent);
    }

    [Fact]
    public void Without_a_plan_at_launch_the_test_says_it_compares_the_offers_only()
    {
        var section = Render<PolicyTestSection>(p => p.Add(s => s.Test, new PolicyTestView([new PolicyCell("Holdout", 10, 0, null, null)], [], HasModelChoice: false)));

        Assert.Contains("compares the offers only", section.Markup);
        Assert.Empty(section.FindAll("[data-testid=policy-comparisons]"));
        Assert.Contains("—", section.Find("[data-testid=policy-cells]").TextContent);
    }
}
