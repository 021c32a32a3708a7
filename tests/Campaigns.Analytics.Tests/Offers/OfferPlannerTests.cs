using Campaigns.Analytics.Offers;

namespace Campaigns.Analytics.Tests.Offers;

public class OfferPlannerTests
{
    /// <summary>An option with exactly this profit and spend (half the customers buy; nobody would have bought anyway).</summary>
    private static OfferOption Option(double profit, double spend) => new(0.5, 0, 2 * profit, 0, 2 * spend);

    // Three customers, two offers (0: deep discount, 1: free shipping):
    //   customer  offer 0 (profit, spend)  offer 1 (profit, spend)
    //   0         (20, 10)                 (15, 2)     cheap offer earns 7.5 per unit, the dear one 5/8 more per unit
    //   1         (8, 4)                   (-1, 1)
    //   2         (-3, 5)                  (-2, 1)     no offer pays
    private static readonly OfferOption[] Three =
    [
        Option(20, 10), Option(15, 2),
        Option(8, 4), Option(-1, 1),
        Option(-3, 5), Option(-2, 1),
    ];

    [Fact]
    public void Without_a_budget_each_customer_gets_the_most_profitable_offer_and_none_when_no_offer_pays()
    {
        var plan = OfferPlanner.Plan(Three, 2);
        Assert.Equal([0, 0, OfferPlanner.None], plan.Choice);
        Assert.Equal([2, 0], plan.CustomersPerOffer);
        Assert.Equal((28.0, 14.0, 2), (plan.Value.Profit, plan.Value.Spend, plan.Value.Customers));
    }

    [Fact]
    public void A_tight_budget_moves_a_customer_to_the_cheaper_offer_that_earns_more_per_unit()
    {
        // Steps by profit per unit: customer 0 to free shipping (15 for 2), customer 1 to the discount (8 for 4),
        // customer 0 up to the discount (5 more for 8 more). A budget of 6 takes the first two.
        var plan = OfferPlanner.Plan(Three, 2, budget: 6);
        Assert.Equal([1, 0, OfferPlanner.None], plan.Choice);
        Assert.Equal((23.0, 6.0), (plan.Value.Profit, plan.Value.Spend));
    }

    [Fact]
    public void A_step_that_does_not_fit_leaves_the_budget_to_cheaper_steps_of_other_customers()
    {
        // Budget 3: customer 0's free shipping (2) fits; customer 1's discount (4) does not and nothing else is left.
        var plan = OfferPlanner.Plan(Three, 2, budget: 3);
        Assert.Equal([1, OfferPlanner.None, OfferPlanner.None], plan.Choice);
        Assert.Equal(2.0, plan.Value.Spend);
    }

    [Fact]
    public void A_free_offer_that_pays_is_taken_first_even_with_no_budget_left()
    {
        OfferOption[] options = [Option(5, 0), Option(9, 3)];
        Assert.Equal([0], OfferPlanner.Plan(options, 2, budget: 0).Choice);
        Assert.Equal([1], OfferPlanner.Plan(options, 2, budget: 3).Choice);
    }

    [Fact]
    public void An_offer_below_the_line_between_its_neighbours_is_skipped_on_the_climb()
    {
        // (2, 10) → (4, 12) → (6, 20): the middle offer earns 1 per unit after the first, the last 2.5; the climb goes 0 → 2.
        OfferOption[] options = [Option(10, 2), Option(12, 4), Option(20, 6)];
        Assert.Equal([0], OfferPlanner.Plan(options, 3, budget: 5).Choice);
        Assert.Equal([2], OfferPlanner.Plan(options, 3, budget: 6).Choice);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(50.0)]
    [InlineData(400.0)]
    [InlineData(5000.0)]
    public void The_plan_never_spends_more_than_the_budget(double budget)
    {
        var random = new Random(7);
        var options = Enumerable.Range(0, 300 * 4).Select(_ => new OfferOption(random.NextDouble(), random.NextDouble() * 0.5,
            random.NextDouble() * 60 - 10, random.NextDouble() * 50, random.NextDouble() * 20)).ToArray();
        var plan = OfferPlanner.Plan(options, 4, budget);
        Assert.True(plan.Value.Spend <= budget + 1e-9, $"spent {plan.Value.Spend} of {budget}");
        Assert.All(plan.Choice.Select((c, i) => (c, i)).Where(x => x.c != OfferPlanner.None), x => Assert.True(options[x.i * 4 + x.c].Profit > 0));
        var unlimited = OfferPlanner.Plan(options, 4);
        Assert.True(plan.Value.Profit <= unlimited.Value.Profit + 1e-9);
    }

    [Fact]
    public void With_the_budget_rising_the_plan_earns_more_and_lies_on_its_curve()
    {
        var random = new Random(3);
        var options = Enumerable.Range(0, 200 * 3).Select(_ => new OfferOption(random.NextDouble(), random.NextDouble() * 0.3,
            random.NextDouble() * 40, random.NextDouble() * 40, random.NextDouble() * 10)).ToArray();
        var profits = new[] { 10.0, 40, 160, 640 }.Select(b => OfferPlanner.Plan(options, 3, b).Value.Profit).ToList();
        Assert.Equal(profits.Order(), profits);
        var plan = OfferPlanner.Plan(options, 3, 160);
        Assert.Contains(plan.Curve, p => p.Spend == plan.Value.Spend && p.Profit == plan.Value.Profit);
        Assert.Equal(plan.Curve.Select(p => p.Spend).Order(), plan.Curve.Select(p => p.Spend));
    }

    [Fact]
    public void The_interval_is_the_sum_of_the_chosen_options_variances()
    {
        // One option: values 10 (buys with it, p 0.5) and 4 (would have bought, p 0.5): variance 100·0.25 + 16·0.25 = 29.
        var plan = OfferPlanner.Plan([new OfferOption(0.5, 0.5, 10, 4, 1)], 1);
        var half = Normal.Quantile(0.975) * Math.Sqrt(29);
        Assert.Equal(3.0, plan.Value.Profit, 12);
        Assert.Equal(3 - half, plan.Value.Low, 12);
        Assert.Equal(3 + half, plan.Value.High, 12);
    }

    [Fact]
    public void Allowing_one_offer_is_single_offer_targeting_and_everyone_gives_it_to_all()
    {
        var single = OfferPlanner.Plan(Three, 2, allowed: new HashSet<int> { 1 });
        Assert.Equal([1, OfferPlanner.None, OfferPlanner.None], single.Choice);
        var everyone = OfferPlanner.Everyone(Three, 2, 0);
        Assert.Equal((25.0, 19.0, 3), (everyone.Profit, everyone.Spend, everyone.Customers));
    }

    [Fact]
    public void Bad_input_is_refused_with_the_customer_and_offer_named()
    {
        Assert.Contains("not 2 per customer", Assert.Throws<ArgumentException>(() => OfferPlanner.Plan([Option(1, 1)], 2)).Message);
        Assert.Contains("Customer 1, offer 0", Assert.Throws<ArgumentException>(() =>
            OfferPlanner.Plan([Option(1, 1), new OfferOption(1.5, 0, 1, 0, 1)], 1)).Message);
        Assert.Throws<ArgumentException>(() => OfferPlanner.Plan([Option(1, 1)], 1, budget: -1));
    }
}
