using Campaigns.Ml.Offers;
using Campaigns.Ml.Uplift;
using Xunit.Abstractions;

namespace Campaigns.Ml.Tests.Offers;

/// <summary>The automatic choice and a T-learner, trained once on synthetic offers, shared by the tests that only read them.</summary>
public sealed class TrainedOffers
{
    public SyntheticOffers Train { get; } = SyntheticOffers.Generate(40_000, 1);
    public SyntheticOffers Test { get; } = SyntheticOffers.Generate(20_000, 2);
    public OfferTrainingResult Auto { get; }
    public OfferTrainingResult T { get; }

    public TrainedOffers()
    {
        Auto = OfferTrainer.Train(Train.Data, Train.Baskets, Options(UpliftLearner.Auto));
        T = OfferTrainer.Train(Train.Data, Train.Baskets, Options(UpliftLearner.T));
    }

    public static OfferTrainingOptions Options(UpliftLearner learner) =>
        new() { Learner = learner, PurchaseValue = (_, arm, basket) => SyntheticOffers.PurchaseValue(arm, basket) };

    public static Func<int, int, double, double> Value => (_, arm, basket) => SyntheticOffers.PurchaseValue(arm, basket);
}

public class OfferTrainerTests(TrainedOffers trained, ITestOutputHelper output) : IClassFixture<TrainedOffers>
{
    private double TrueProfitOfPlan(OfferModel model)
    {
        var predictions = model.Predict(trained.Test.Data);
        return trained.Test.ProfitOf(row => predictions.BestArm(row, TrainedOffers.Value));
    }

    [Fact]
    public void The_plan_earns_more_true_profit_than_a_T_learner_plan_and_than_the_best_single_offer()
    {
        var test = trained.Test;
        var oracle = test.ProfitOf(test.OracleArm);
        var auto = TrueProfitOfPlan(trained.Auto.Model);
        var t = TrueProfitOfPlan(trained.T.Model);
        var bestSingle = Enumerable.Range(1, 3).Max(k => test.ProfitOf(_ => k));
        foreach (var c in trained.Auto.Candidates)
            output.WriteLine($"{c.Learner}: {c.ProfitPerCustomer:0.0000} ± {c.StandardError:0.0000} ({c.TrainingTime.TotalSeconds:0.0} s)");
        output.WriteLine($"chosen {trained.Auto.Chosen}: {auto:0.0000} per customer = {auto / oracle:P1} of the oracle's {oracle:0.0000}; " +
                         $"T {t:0.0000} ({t / oracle:P1}); best single offer {bestSingle:0.0000} ({bestSingle / oracle:P1})");

        Assert.True(auto > t, $"auto {auto} vs T {t}");
        Assert.True(auto > bestSingle, $"auto {auto} vs best single offer {bestSingle}");
        Assert.True(auto > 0.8 * oracle, $"auto {auto} vs oracle {oracle}");
    }

    [Fact]
    public void Every_candidate_is_scored_on_every_fold_and_the_chosen_one_is_among_them()
    {
        var result = trained.Auto;
        Assert.Equal(["S", "T", "X", "DR", "Neural"], result.Candidates.Select(c => c.Learner));
        Assert.All(result.Candidates, c => Assert.Equal(3, c.FoldValues.Count));
        Assert.Contains(result.Chosen, result.Candidates.Select(c => c.Learner));
        Assert.Equal(result.Chosen, result.Model.Learner);
    }

    [Fact]
    public void The_evaluation_values_the_plan_above_sending_nothing_and_its_cost_curve_ends_at_the_plan()
    {
        var evaluation = trained.Auto.Evaluation;
        Assert.Equal(trained.Auto.EvaluationRows, evaluation.Rows);
        Assert.True(evaluation.PlanOverNothing.Dr.Low > 0, $"plan over nothing {evaluation.PlanOverNothing.Dr}");
        Assert.Equal(evaluation.Plan.Dr.Value - evaluation.Nothing.Dr.Value, evaluation.PlanOverNothing.Dr.Value, 9);
        Assert.True(evaluation.Plan.Dr.Value > evaluation.SingleArms[evaluation.BestSingleOffer].Dr.Value);
        Assert.True(evaluation.Plan.Dr.Value > evaluation.RandomOffer.Dr.Value);
        Assert.Equal(evaluation.Rows, evaluation.PlanCustomers.Sum());
        // The model's own expectation for the same customers, to read what the plan earned against.
        Assert.True(evaluation.Projected > 0, $"projected {evaluation.Projected}");
        output.WriteLine($"projected {evaluation.Projected:0.0000} per customer, realized (DR) {evaluation.PlanOverNothing.Dr}");
        var curve = evaluation.CostCurve;
        Assert.Equal(0, curve[0].SpendPerCustomer);
        Assert.Equal(0, curve[0].IncrementalProfit.Value, 12);
        Assert.Equal(evaluation.PlanOverNothing.Dr.Value, curve[^1].IncrementalProfit.Value, 9);
        Assert.Equal(evaluation.Rows - evaluation.PlanCustomers[0], curve[^1].Customers);
        Assert.True(curve.Zip(curve.Skip(1)).All(p => p.Second.SpendPerCustomer >= p.First.SpendPerCustomer - 1e-12));
    }

    [Fact]
    public void A_customer_whose_every_offer_loses_money_gets_none()
    {
        var predictions = trained.Auto.Model.Predict(trained.Test.Data);
        // Every offer gives away 100 per purchase: no offer can pay for any customer.
        static double Costly(int row, int arm, double basket) => 0.4 * basket - (arm == 0 ? 0 : 100);

        for (var row = 0; row < 500; row++)
        {
            Assert.All(Enumerable.Range(1, 3), k => Assert.True(predictions.IncrementalProfit(row, k, Costly) < 0));
            Assert.Equal(0, predictions.BestArm(row, Costly));
        }
    }

    [Fact]
    public void A_deal_seekers_20_percent_offer_is_explained_first_by_their_deal_affinity()
    {
        var test = trained.Test.Data;
        var row = Enumerable.Range(0, test.Count).First(r => test.NumericAt(r, 0) > 0.9 && test.NumericAt(r, 1) is > 50 and < 80);

        var explanations = trained.Auto.Model.Explain(test, row, TrainedOffers.Value, top: 3);

        Assert.Equal(["pct10", "pct20", "freeship"], explanations.Select(e => e.Offer));
        var pct20 = explanations[1];
        Assert.Equal("deal_affinity", pct20.Drivers[0].Feature);
        Assert.True(pct20.Drivers[0].Change > 0);
        Assert.True(pct20.Drivers.Count <= 3);
    }

    [Fact]
    public void A_saved_model_loads_with_the_same_predictions_and_metadata()
    {
        var model = trained.T.Model;
        model.Metadata["id-column"] = "customer";
        using var file = new MemoryStream();
        model.Save(file);
        file.Position = 0;

        var loaded = OfferModel.Load(file);

        Assert.Equal(model.Arms, loaded.Arms);
        Assert.Equal("T", loaded.Learner);
        Assert.Equal(model.NumericFeatures, loaded.NumericFeatures);
        Assert.Equal(model.CategoricalFeatures, loaded.CategoricalFeatures);
        Assert.Equal("customer", loaded.Metadata["id-column"]);
        var (before, after) = (model.Predict(trained.Test.Data), loaded.Predict(trained.Test.Data));
        for (var row = 0; row < before.Count; row += 97)
            for (var k = 0; k < before.Arms; k++)
            {
                Assert.Equal(before.Probability(row, k), after.Probability(row, k), 6);
                Assert.Equal(before.Basket(row, k), after.Basket(row, k), 4);
            }
    }

    [Fact]
    public void A_file_that_is_not_an_offer_model_is_refused_naming_the_problem()
    {
        using var file = new MemoryStream();
        trained.T.Model.Save(file);
        file.Position = 0;
        var uplift = UpliftModel.Load(new MemoryStream(ExtractConversion(file)));
        using var upliftFile = new MemoryStream();
        uplift.Save(upliftFile);
        upliftFile.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => OfferModel.Load(upliftFile));

        Assert.Equal("Not an offer model: manifest.json has format 'campaigns-uplift', expected 'campaigns-offers'.", error.Message);
    }

    private static byte[] ExtractConversion(Stream file)
    {
        using var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        using var entry = zip.GetEntry("conversion.zip")!.Open();
        using var buffer = new MemoryStream();
        entry.CopyTo(buffer);
        return buffer.ToArray();
    }
}

public class OfferTrainingDataTests
{
    private static readonly SyntheticOffers Small = SyntheticOffers.Generate(2000, 3);

    private static string Refusal(IReadOnlyList<float> baskets, OfferTrainingOptions? options = null) =>
        Assert.Throws<ArgumentException>(() => OfferTrainer.Train(Small.Data, baskets, options ?? TrainedOffers.Options(UpliftLearner.T))).Message;

    [Fact]
    public void Baskets_must_be_one_per_row() =>
        Assert.Equal("There are 1,999 baskets for 2,000 rows; give one per row (0 when none).", Refusal(Small.Baskets[..^1]));

    [Fact]
    public void A_purchase_without_a_basket_is_refused()
    {
        var baskets = Small.Baskets.ToArray();
        var buyer = Enumerable.Range(0, baskets.Length).First(r => Small.Data.OutcomeAt(r) == 1);
        baskets[buyer] = 0;
        Assert.Equal($"Row 'c{buyer}' bought but its basket is 0; give the gross basket of each purchase.", Refusal(baskets));
    }

    [Fact]
    public void A_negative_basket_is_refused()
    {
        var baskets = Small.Baskets.ToArray();
        baskets[5] = -3;
        Assert.Equal("Row 'c5' has the basket -3; a basket is an amount of 0 or more.", Refusal(baskets));
    }

    [Fact]
    public void Fewer_than_two_folds_are_refused() =>
        Assert.Equal("Folds must be at least 2, not 1.", Refusal(Small.Baskets, TrainedOffers.Options(UpliftLearner.T) with { Folds = 1 }));
}
