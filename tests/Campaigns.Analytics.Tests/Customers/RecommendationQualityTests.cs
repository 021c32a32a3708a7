using Campaigns.Analytics.Customers;

namespace Campaigns.Analytics.Tests.Customers;

public class RecommendationQualityTests
{
    [Fact]
    public void Averages_precision_recall_and_hits_over_the_customers_who_bought_something()
    {
        // Customer 0 bought 1, 2, 9: two of the three recommended (precision 2/3, recall 2/3). Customer 1 bought 7, not
        // recommended (0, 0). Customer 2 bought nothing and is not counted; customer 3 bought 4, listed once beside an empty slot.
        int[] lists = [1, 2, 3, 5, 6, 8, 1, 2, 3, 4, -1, -1];
        IReadOnlySet<int>[] bought = [new HashSet<int> { 1, 2, 9 }, new HashSet<int> { 7 }, new HashSet<int>(), new HashSet<int> { 4 }];

        var quality = RecommendationQuality.Evaluate(lists, 3, bought);

        Assert.Equal(3, quality.Customers);
        Assert.Equal((2.0 / 3 + 0 + 1.0 / 3) / 3, quality.Precision, 12);
        Assert.Equal((2.0 / 3 + 0 + 1) / 3, quality.Recall, 12);
        Assert.Equal(2.0 / 3, quality.HitRate, 12);
    }

    [Fact]
    public void Is_zero_over_no_customer_and_rejects_lists_of_the_wrong_length()
    {
        Assert.Equal(0, RecommendationQuality.Evaluate([1, 2], 2, [new HashSet<int>()]).Customers);
        Assert.Throws<ArgumentException>(() => RecommendationQuality.Evaluate([1, 2, 3], 2, [new HashSet<int> { 1 }]));
    }
}
