using Campaigns.Domain.Models;

namespace Campaigns.Domain.Tests.Models;

public class PromotionRuleTests
{
    private static readonly MainMetric Uplift = new("Qini coefficient", HigherIsBetter: true);
    private static readonly MainMetric Perplexity = new("held-out perplexity", HigherIsBetter: false);

    [Fact]
    public void The_first_working_model_is_promoted_whatever_the_rule()
    {
        Assert.Equal(PromotionDecision.Promote, PromotionRule.Decide(Uplift, passes: true, 0.05, current: null, autoPromoteMinGain: null).Decision);
        Assert.Equal(PromotionDecision.Promote, PromotionRule.Decide(Uplift, passes: true, 0.05, current: null, autoPromoteMinGain: 0.5).Decision);
    }

    [Fact]
    public void A_model_that_fails_the_bar_is_kept_as_a_candidate_even_when_it_is_the_first()
    {
        var (decision, reason) = PromotionRule.Decide(Uplift, passes: false, -0.01, current: null, autoPromoteMinGain: 0);
        Assert.Equal(PromotionDecision.Keep, decision);
        Assert.Contains("does not meet the bar", reason);
    }

    [Fact]
    public void Without_a_rule_a_better_model_waits_for_an_admin()
    {
        var (decision, reason) = PromotionRule.Decide(Uplift, passes: true, 0.30, current: 0.10, autoPromoteMinGain: null);
        Assert.Equal(PromotionDecision.WaitForAdmin, decision);
        Assert.Contains("no automatic promotion rule", reason);
    }

    [Theory]
    [InlineData(0.12, 0.10, 0.02)]
    [InlineData(0.20, 0.10, 0.05)]
    [InlineData(0.10, 0.10, 0.0)]
    public void A_model_better_by_at_least_the_margin_is_promoted_by_the_rule(double candidate, double current, double margin) =>
        Assert.Equal(PromotionDecision.Promote, PromotionRule.Decide(Uplift, passes: true, candidate, current, margin).Decision);

    [Fact]
    public void A_model_better_by_less_than_the_margin_waits_for_an_admin()
    {
        var (decision, reason) = PromotionRule.Decide(Uplift, passes: true, 0.11, current: 0.10, autoPromoteMinGain: 0.05);
        Assert.Equal(PromotionDecision.WaitForAdmin, decision);
        Assert.Contains("below the rule's 0.050", reason);
    }

    [Fact]
    public void A_worse_model_waits_for_an_admin_even_with_a_margin_of_zero()
    {
        var (decision, _) = PromotionRule.Decide(Uplift, passes: true, 0.08, current: 0.10, autoPromoteMinGain: 0);
        Assert.Equal(PromotionDecision.WaitForAdmin, decision);
    }

    [Fact]
    public void For_a_metric_where_lower_is_better_a_lower_score_is_the_gain()
    {
        // The copy generator is judged on perplexity: 40 beats 50.
        Assert.Equal(10, Perplexity.Gain(40, 50), 9);
        Assert.Equal(PromotionDecision.Promote, PromotionRule.Decide(Perplexity, passes: true, 40, current: 50, autoPromoteMinGain: 5).Decision);
        Assert.Equal(PromotionDecision.WaitForAdmin, PromotionRule.Decide(Perplexity, passes: true, 60, current: 50, autoPromoteMinGain: 0).Decision);
    }
}
