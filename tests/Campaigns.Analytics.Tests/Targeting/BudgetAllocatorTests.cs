using Campaigns.Analytics.Targeting;

namespace Campaigns.Analytics.Tests;

public class BudgetAllocatorTests
{
    // Values are binary fractions so profits and costs are exact:
    //   index  uplift   p_T   p_C    margin cost  profit τ·m − p_T·c   expected cost p_T·c
    //   0      0.25     0.5   0.25   40     4     10 − 2 = 8           2
    //   1      0.125    0.5   0.375  40     10    5 − 5 = 0            5
    //   2      0.5      0.75  0.25   24     4     12 − 3 = 9           3
    //   3     −0.125    0.25  0.375  40     4     put off (negative uplift)
    //   4      0.125    0.25  0.125  80     8     10 − 2 = 8           2    (ties index 0 on profit, lower uplift → after it)
    //   5      0        0.25  0.25   40     4     0 − 1 = −1           1
    // Ranking: 2 (9), 0 (8), 4 (8), 1 (0), 5 (−1).
    private static readonly Prospect[] Six =
    [
        new(0, 0.25, 0.5, 0.25, 40, 4),
        new(1, 0.125, 0.5, 0.375, 40, 10),
        new(2, 0.5, 0.75, 0.25, 24, 4),
        new(3, -0.125, 0.25, 0.375, 40, 4),
        new(4, 0.125, 0.25, 0.125, 80, 8),
        new(5, 0, 0.25, 0.25, 40, 4),
    ];

    [Fact]
    public void All_takes_every_eligible_prospect_most_profitable_first()
    {
        var a = BudgetAllocator.Allocate(Six, new AllocationRequest(SelectionMode.All));
        Assert.Equal([2, 0, 4, 1, 5], a.Selected);
        Assert.Equal((24.0, 13.0, 1.0), (a.Profit, a.ExpectedCost, a.IncrementalConversions));
    }

    [Theory]
    [InlineData(SelectionMode.All)]
    [InlineData(SelectionMode.TopPercent)]
    [InlineData(SelectionMode.UpliftAbove)]
    [InlineData(SelectionMode.Budget)]
    public void Negative_uplift_prospects_are_put_off_and_counted_in_every_mode(SelectionMode mode)
    {
        var a = BudgetAllocator.Allocate(Six, new AllocationRequest(mode, TopPercent: 100, UpliftThreshold: -1, Budget: 1_000));
        Assert.DoesNotContain(3, a.Selected);
        Assert.Equal((1, 5), (a.PutOff, a.Eligible));
    }

    [Fact]
    public void Budget_takes_the_most_profitable_while_the_cost_fits()
    {
        // Budget 5: index 2 (cost 3, total 3), index 0 (2, total 5); index 4 would make 7.
        var a = BudgetAllocator.Allocate(Six, new AllocationRequest(SelectionMode.Budget, Budget: 5));
        Assert.Equal([2, 0], a.Selected);
        Assert.Equal((17.0, 5.0, 2), (a.Profit, a.ExpectedCost, a.ChosenSize));
    }

    [Fact]
    public void Budget_stops_at_the_first_prospect_that_adds_no_profit()
    {
        var a = BudgetAllocator.Allocate(Six, new AllocationRequest(SelectionMode.Budget, Budget: 100));
        Assert.Equal([2, 0, 4], a.Selected);
        Assert.Equal(25.0, a.Profit);
    }

    [Fact]
    public void Top_percent_is_a_share_of_all_prospects_capped_at_the_eligible()
    {
        // 50% of 6 prospects = 3; 100% = 6, but only 5 are eligible.
        Assert.Equal([2, 0, 4], BudgetAllocator.Allocate(Six, new AllocationRequest(SelectionMode.TopPercent, TopPercent: 50)).Selected);
        Assert.Equal(5, BudgetAllocator.Allocate(Six, new AllocationRequest(SelectionMode.TopPercent, TopPercent: 100)).Selected.Count);
        Assert.Empty(BudgetAllocator.Allocate(Six, new AllocationRequest(SelectionMode.TopPercent, TopPercent: 0)).Selected);
    }

    [Fact]
    public void Uplift_above_takes_prospects_over_the_threshold_listed_most_profitable_first()
    {
        // Uplift > 0.2: indexes 0 (0.25) and 2 (0.5); > 0.1 adds 4 and 1 (0.125).
        var a = BudgetAllocator.Allocate(Six, new AllocationRequest(SelectionMode.UpliftAbove, UpliftThreshold: 0.2));
        Assert.Equal([2, 0], a.Selected);
        Assert.Equal(17.0, a.Profit);
        Assert.Equal([2, 0, 4, 1], BudgetAllocator.Allocate(Six, new AllocationRequest(SelectionMode.UpliftAbove, UpliftThreshold: 0.1)).Selected);
    }

    [Theory]
    [InlineData(SelectionMode.All, 0)]
    [InlineData(SelectionMode.TopPercent, 50)]
    [InlineData(SelectionMode.UpliftAbove, 0.1)]
    [InlineData(SelectionMode.Budget, 5)]
    public void The_profit_curves_chosen_point_is_the_selection(SelectionMode mode, double parameter)
    {
        var a = BudgetAllocator.Allocate(Six, new AllocationRequest(mode, parameter, parameter, parameter));
        var point = Assert.Single(a.Curve, p => p.Size == a.ChosenSize);
        Assert.Equal(a.Selected.Count, a.ChosenSize);
        Assert.Equal((a.Profit, a.ProfitLow, a.ProfitHigh), (point.Profit, point.Low, point.High));
        Assert.Equal(a.Selected.Sum(i => Six[i].ExpectedIncrementalProfit), a.Profit, 12);
    }

    [Fact]
    public void Intervals_come_from_bernoulli_outcomes_of_each_arm()
    {
        // Profit 0.25·40 − 0.5·8 = 6; Var = (40 − 8)²·0.5·0.5 + 40²·0.25·0.75 = 256 + 300 = 556.
        // Conversions 0.25; Var = 0.5·0.5 + 0.25·0.75 = 0.4375.
        var a = BudgetAllocator.Allocate([new Prospect(7, 0.25, 0.5, 0.25, 40, 8)], new AllocationRequest(SelectionMode.All));
        var z = Normal.Quantile(0.975);
        Assert.Equal(6 - z * Math.Sqrt(556), a.ProfitLow, 12);
        Assert.Equal(6 + z * Math.Sqrt(556), a.ProfitHigh, 12);
        Assert.Equal(0.25 - z * Math.Sqrt(0.4375), a.IncrementalConversionsLow, 12);
        Assert.Equal(0.25 + z * Math.Sqrt(0.4375), a.IncrementalConversionsHigh, 12);
    }

    [Fact]
    public void The_budget_is_never_exceeded_and_no_further_profitable_prospect_would_fit()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 300; trial++)
        {
            var prospects = Enumerable.Range(0, random.Next(0, 200)).Select(i =>
            {
                double pt = random.NextDouble(), pc = random.NextDouble() * 0.8;
                return new Prospect(i, pt - pc, pt, pc, random.NextDouble() * 100, random.NextDouble() * 30);
            }).ToArray();
            var budget = random.NextDouble() * prospects.Sum(p => p.ExpectedCost) * 1.2;
            var a = BudgetAllocator.Allocate(prospects, new AllocationRequest(SelectionMode.Budget, Budget: budget));

            var spent = a.Selected.Aggregate(0.0, (sum, i) => sum + prospects[i].ExpectedCost);
            Assert.True(spent <= budget, $"trial {trial}: spent {spent} of {budget}");
            Assert.True(a.ExpectedCost <= budget);
            Assert.All(a.Selected, i => Assert.True(prospects[i].ExpectedIncrementalProfit > 0 && prospects[i].Uplift >= 0));
            var next = prospects.Where(p => p.Uplift >= 0 && !a.Selected.Contains(p.Index))
                .OrderByDescending(p => p.ExpectedIncrementalProfit).ThenByDescending(p => p.Uplift).FirstOrDefault();
            if (a.Selected.Count < a.Eligible)
                Assert.True(next.ExpectedIncrementalProfit <= 0 || spent + next.ExpectedCost > budget, $"trial {trial}: prospect {next.Index} would still fit");
        }
    }

    [Fact]
    public void The_curve_starts_at_zero_and_has_about_a_hundred_points()
    {
        var random = new Random(1);
        var prospects = Enumerable.Range(0, 5_000).Select(i => new Prospect(i, random.NextDouble() * 0.1, 0.3, 0.2, 50, 5)).ToArray();
        var a = BudgetAllocator.Allocate(prospects, new AllocationRequest(SelectionMode.Budget, Budget: 300));
        Assert.Equal(new ProfitPoint(0, 0, 0, 0), a.Curve[0]);
        Assert.InRange(a.Curve.Count, 101, 102);
        Assert.Equal(5_000, a.Curve[^1].Size);
        Assert.Equal(a.Curve.OrderBy(p => p.Size), a.Curve);
    }

    [Fact]
    public void No_prospects_give_an_empty_allocation()
    {
        var a = BudgetAllocator.Allocate([], new AllocationRequest(SelectionMode.Budget, Budget: 10));
        Assert.Equal((0, 0, 0, 0.0, 0.0), (a.Selected.Count, a.PutOff, a.Eligible, a.Profit, a.ProfitLow));
        Assert.Equal([new ProfitPoint(0, 0, 0, 0)], a.Curve);
    }

    [Theory]
    [InlineData(SelectionMode.TopPercent, "TopPercent")]
    [InlineData(SelectionMode.UpliftAbove, "UpliftThreshold")]
    [InlineData(SelectionMode.Budget, "Budget")]
    public void A_mode_without_its_parameter_is_an_argument_exception(SelectionMode mode, string parameter)
    {
        var ex = Assert.Throws<ArgumentException>(() => BudgetAllocator.Allocate(Six, new AllocationRequest(mode)));
        Assert.Contains(parameter, ex.Message);
        Assert.Throws<ArgumentException>(() => BudgetAllocator.Allocate(Six, new AllocationRequest(mode, -1, double.NaN, -1)));
    }

    [Fact]
    public void A_probability_outside_zero_to_one_is_an_argument_exception() =>
        Assert.Contains("Prospect 9", Assert.Throws<ArgumentException>(() =>
            BudgetAllocator.Allocate([new Prospect(9, 0.1, 1.2, 0.1, 10, 1)], new AllocationRequest(SelectionMode.All))).Message);
}
