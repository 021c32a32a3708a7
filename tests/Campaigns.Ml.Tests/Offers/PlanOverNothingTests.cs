using Campaigns.Analytics.Offers;
using Campaigns.Ml.Offers;
using Campaigns.Ml.Uplift;

namespace Campaigns.Ml.Tests.Offers;

/// <summary>The folds' doubly robust score of a plan over sending nothing, on hand-made predictions.</summary>
public class PlanOverNothingTests
{
    // A purchase is worth half its basket; offer A gives 10 away, offer B 20.
    private static double Value(double basket, double cost) => 0.5 * basket - cost;

    [Fact]
    public void Rows_of_an_experiment_with_several_offers_are_scored_on_the_plans_pick_among_them()
    {
        // Rows 0-2 come from an experiment that tried A and B (got A, got B, got nothing; a third each); row 3 from one
        // that tried only A (got it, half the rows). Every row: P(buy) 0.1 without an offer, baskets 100.
        var alternatives = new UpliftDataset(["f"], [], ["none", "offer"]);
        for (var i = 0; i < 6; i++) alternatives.Add($"a{i}", [0], []);
        var choices = new OfferChoices(alternatives, first: [0, 2, 4, 6, 6], logged: [0, 1, -1, 0], propensity: [1 / 3.0, 1 / 3.0, 1 / 3.0, 0.5],
            purchaseValue: (alternative, basket) => Value(basket, alternative % 2 == 0 ? 10 : 20));
        double[] ownCost = [10, 20, 10, 10];
        var options = new OfferTrainingOptions { PurchaseValue = (row, arm, basket) => Value(basket, arm == 0 ? 0 : ownCost[row]), Choices = choices };
        // Own features: row 3's offer lifts P(buy) to 0.12 only, which loses money (0.12 × 40 < 0.1 × 50).
        var own = new OfferPredictions(2, [0.1f, 0.5f, 0.1f, 0.8f, 0.1f, 0.5f, 0.1f, 0.12f], Baskets(4));
        // With A: P(buy) 0.5 (worth 0.5 × 40 = 20, profit 15); with B: 0.8 (0.8 × 30 = 24, profit 19): the plan picks B.
        var offers = new OfferPredictions(2, [0.1f, 0.5f, 0.1f, 0.8f, 0.1f, 0.5f, 0.1f, 0.8f, 0.1f, 0.5f, 0.1f, 0.8f], Baskets(6));

        var score = OfferTrainer.PlanOverNothing([0, 1, 2, 3], arm: [1, 1, 0, 1], bought: [1, 1, 0, 1], basket: [100, 100, 0, 100], own, options,
            shares: [0.5, 0.5], (offers, [0, 1, 2, 3, 4, 5], [0, 2, 4, 6, 6]));

        // Row 0 got A, not the plan's B: direct 24 − 5 = 19. Row 1 got B, bought (worth 30): 19 + 3 × (30 − 24) = 37.
        // Row 2 got nothing, did not buy: 19 − 3 × (0 − 5) = 34. Row 3: the plan sends nothing and it got A: 0.
        Assert.Equal((19 + 37 + 34 + 0) / 4.0, score, 4);
    }

    [Fact]
    public void Without_choices_the_score_is_the_policy_values_paired_difference()
    {
        var random = new Random(3);
        const int rows = 200, arms = 3;
        var (arm, bought, basket) = (new int[rows], new float[rows], new float[rows]);
        var (probability, baskets) = (new float[rows * arms], new float[rows * arms]);
        for (var i = 0; i < rows; i++)
        {
            (arm[i], bought[i]) = (random.Next(arms), random.NextDouble() < 0.3 ? 1 : 0);
            basket[i] = bought[i] == 1 ? 20 + 100 * random.NextSingle() : 0;
            for (var k = 0; k < arms; k++) (probability[i * arms + k], baskets[i * arms + k]) = (0.4f * random.NextSingle(), 20 + 100 * random.NextSingle());
        }
        var options = new OfferTrainingOptions { PurchaseValue = (_, k, b) => Value(b, 5 * k) };
        var predictions = new OfferPredictions(arms, probability, baskets);
        var all = Enumerable.Range(0, rows).ToArray();
        var shares = LoggedOffers.Shares(arm, arms);

        var score = OfferTrainer.PlanOverNothing(all, arm, bought, basket, predictions, options, shares, (null, [], new int[rows + 1]));

        var logged = OfferEvaluator.Logged(arm, bought, basket, all, predictions, options.PurchaseValue, shares);
        var expected = PolicyValue.Difference(logged, i => predictions.BestArm(i, options.PurchaseValue), _ => 0).Dr.Value;
        Assert.Equal(expected, score, 9);
    }

    private static float[] Baskets(int rows) => Enumerable.Repeat(100f, rows * 2).ToArray();
}
