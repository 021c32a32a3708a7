using System.Text.Json;
using Campaigns.Ml.Customers;

namespace Campaigns.Ml.Tests.Customers;

public class ValueChoiceTests
{
    private static readonly DateOnly AsOf = new(2025, 1, 1);

    /// <summary>Heavy-tailed spend; one prediction follows it closely, the other knows nothing of it.</summary>
    private static (double[] Actual, double[] Close, double[] Blind) Case(int seed)
    {
        var random = new Random(seed);
        var actual = Enumerable.Range(0, 2000).Select(_ => random.NextDouble() < 0.4 ? 0 : Math.Exp(4 + random.NextDouble() * 2)).ToArray();
        var close = actual.Select(a => a * (0.9 + 0.2 * random.NextDouble()) + 5).ToArray();
        var blind = actual.Select(_ => 50 + 100 * random.NextDouble()).ToArray();
        return (actual, close, blind);
    }

    [Fact]
    public void Takes_the_boosted_model_whole_when_it_ranks_spend_far_better()
    {
        var (actual, close, blind) = Case(1);
        var choice = ValueChoice.Choose(close, blind, actual, AsOf, "test");
        Assert.Equal(1, choice.BoostedWeight);
        Assert.True(choice.Boosted);
        Assert.Equal("gradient-boosted", choice.Model);
        Assert.True(choice.BoostedQuality!.TopFifthCapture > choice.BaselineQuality!.TopFifthCapture);
        Assert.Equal(ValueChoice.Weights, choice.Candidates!.Select(c => c.Weight));
        Assert.Equal(AsOf, choice.AsOf);
    }

    [Fact]
    public void Keeps_bg_nbd_alone_when_it_ranks_spend_far_better()
    {
        var (actual, close, blind) = Case(2);
        var choice = ValueChoice.Choose(blind, close, actual, AsOf, "test");
        Assert.Equal(0, choice.BoostedWeight);
        Assert.False(choice.Boosted);
        Assert.Equal("BG/NBD + Gamma-Gamma", choice.Model);
        Assert.StartsWith("BG/NBD + Gamma-Gamma: its top 20% captured", choice.Reason);
    }

    [Fact]
    public void Among_blends_that_capture_alike_the_lower_error_decides()
    {
        // Both rank customers exactly as their spend does; the boosted model is ten times too high, so any share of it adds error.
        var actual = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();
        var choice = ValueChoice.Choose([.. actual.Select(a => 10 * a)], actual, actual, AsOf, "test");
        Assert.Equal(0, choice.BoostedWeight);
        Assert.All(choice.Candidates!, c => Assert.Equal(choice.BaselineQuality!.TopFifthCapture, c.Quality.TopFifthCapture, 9));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void A_choice_stored_before_blends_reads_as_the_whole_model_or_none(bool boosted, double weight)
    {
        var json = $$"""{ "boosted": {{(boosted ? "true" : "false")}}, "heldOutCustomers": 250, "reason": "stored by an older version" }""";
        var choice = JsonSerializer.Deserialize<ValueChoice>(json, JsonSerializerOptions.Web)!;
        Assert.Equal(weight, choice.BoostedWeight);
        Assert.Null(choice.Candidates);
    }
}
