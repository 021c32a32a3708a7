using Campaigns.Analytics.Customers;

namespace Campaigns.Analytics.Tests.Customers;

public class CustomerFeaturesTests
{
    private static readonly DateOnly Cut = new(2026, 6, 1);

    private static readonly Order[] Before =
    [
        new("a", new(2026, 1, 10), 40, "garden", 10),
        new("a", new(2026, 3, 1), 60, "kitchen", 0),
        new("a", new(2026, 3, 1), 20, "garden", 0),
        new("a", new(2026, 5, 1), 80, "garden", 0),
        new("b", new(2026, 5, 31), 15, "toys"),
    ];

    private static readonly Order[] OnOrAfter =
    [
        new("a", Cut, 9999, "toys", 500),
        new("a", new(2026, 9, 1), 5000, "kitchen", 1000),
        new("b", Cut.AddDays(1), 777, "garden", 1),
        new("c", Cut, 10, "garden"), // first order on the cut-off: not a customer as of it
    ];

    [Fact]
    public void No_order_on_or_after_the_cut_off_reaches_a_feature()
    {
        var withLater = CustomerFeatures.AsOf(OrderHistory.From(OnOrAfter.Concat(Before)), Cut);
        var without = CustomerFeatures.AsOf(OrderHistory.From(Before), Cut);
        Assert.Equal(2, withLater.Count);
        Assert.Equal(without.ColumnNames, withLater.ColumnNames);
        var (rowA, rowB) = (new float[without.ColumnNames.Count], new float[without.ColumnNames.Count]);
        for (var i = 0; i < without.Count; i++)
        {
            without.Row(i, rowA);
            // Map by customer id: the two histories number customers differently.
            var id = OrderHistory.From(Before).CustomerIds[without.Customer[i]];
            var j = Enumerable.Range(0, withLater.Count).Single(k => OrderHistory.From(OnOrAfter.Concat(Before)).CustomerIds[withLater.Customer[k]] == id);
            withLater.Row(j, rowB);
            Assert.Equal(rowA, rowB);
            var (trendA, trendB) = (new float[CustomerFeatures.TrendColumnNames.Count], new float[CustomerFeatures.TrendColumnNames.Count]);
            without.Trend(i, trendA);
            withLater.Trend(j, trendB);
            Assert.Equal(trendA, trendB);
        }
    }

    [Fact]
    public void Features_read_recency_frequency_value_tenure_gaps_discounts_and_category_mix()
    {
        var f = CustomerFeatures.AsOf(OrderHistory.From(Before.Concat(OnOrAfter)), Cut);
        var a = 0; // customer "a" is first in the history
        Assert.Equal(31, f.Recency[a]);            // May 1 → June 1
        Assert.Equal(4, f.Orders[a]);
        Assert.Equal(2, f.RepeatDays[a]);          // three distinct days
        Assert.Equal(111, f.FirstToLast[a]);       // Jan 10 → May 1
        Assert.Equal(142, f.Age[a]);               // Jan 10 → June 1
        Assert.Equal(200, f.TotalAmount[a]);
        Assert.Equal(50, f.AverageAmount[a]);
        Assert.Equal(55.5, f.MeanGap[a]);
        Assert.Equal(61, f.LastGap[a]);            // Mar 1 → May 1
        Assert.Equal(10 / 210.0, f.DiscountShare[a], 12);
        Assert.Equal(["garden", "kitchen", "toys"], f.CategoryNames);
        Assert.Equal([0.75, 0.25, 0], f.CategoryShares[..3]);
        Assert.Equal(1, f.Recency[1]);
        Assert.Equal(0, f.RepeatDays[1]);
    }

    [Fact]
    public void The_trend_columns_count_the_last_90_and_365_days_before_the_cut_off_edges_included()
    {
        Order[] orders =
        [
            new("a", Cut.AddDays(-366), 1000),
            new("a", Cut.AddDays(-365), 100),
            new("a", Cut.AddDays(-91), 20),
            new("a", Cut.AddDays(-90), 3),
            new("a", Cut.AddDays(-1), 4),
            new("a", Cut, 50_000),
        ];
        var f = CustomerFeatures.AsOf(OrderHistory.From(orders), Cut);
        var trend = new float[CustomerFeatures.TrendColumnNames.Count];
        f.Trend(0, trend);
        Assert.Equal([2, 4, 127], trend);
        Assert.Equal(5, f.Orders[0]);
    }

    [Fact]
    public void Outcomes_count_orders_and_spend_in_the_horizon_after_the_cut_off_only()
    {
        var history = OrderHistory.From(Before.Concat(OnOrAfter));
        var next = CustomerOutcomes.After(history, Cut, 30);
        var a = history.CustomerIds.ToList().IndexOf("a");
        Assert.Equal(1, next.Orders[a]);           // June 1 in, September 1 out
        Assert.Equal(9999, next.Spend[a]);
        Assert.Equal(1, next.Orders[history.CustomerIds.ToList().IndexOf("b")]);
    }
}
