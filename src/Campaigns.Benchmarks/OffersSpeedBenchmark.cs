using System.Diagnostics;
using Campaigns.Analytics.Offers;
using Campaigns.Ml.Offers;
using Campaigns.Ml.Uplift;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench offers-speed`: trains the offer model on N synthetic rows × 4 arms (none and three offers with known
/// responses), then prices and plans N fresh customers, and reports the plan's share of the oracle's true profit.
/// </summary>
internal static class OffersSpeedBenchmark
{
    public static int Run(CommandOptions options)
    {
        var rows = options.Int("rows", 1_000_000);
        var learner = Enum.TryParse<UpliftLearner>(options.Value("learner") ?? "auto", true, out var l) && Enum.IsDefined(l) && l != UpliftLearner.S ? l
            : throw new ArgumentException($"--learner must be auto, t, x, dr or neural, not '{options.Value("learner")}'.");
        var clock = Stopwatch.StartNew();
        var train = SyntheticOffers.Generate(rows, 1);
        var fresh = SyntheticOffers.Generate(rows, 2);
        Console.WriteLine($"Generated 2 x {rows:N0} rows x {SyntheticOffers.ArmNames.Length} arms in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var result = OfferTrainer.Train(train.Data, train.Baskets, new OfferTrainingOptions
        {
            Learner = learner, PurchaseValue = (_, arm, basket) => SyntheticOffers.PurchaseValue(arm, basket),
        });
        Console.WriteLine($"Train ({learner} chose {result.Chosen}, {Environment.ProcessorCount} cores): {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var predictions = result.Model.Predict(fresh.Data);
        var offers = SyntheticOffers.ArmNames.Length - 1;
        var priced = new OfferOption[fresh.Data.Count * offers];
        for (var i = 0; i < fresh.Data.Count; i++)
            for (var k = 1; k <= offers; k++)
            {
                var (with, without) = (predictions.Basket(i, k), predictions.Basket(i, 0));
                var value = SyntheticOffers.PurchaseValue(k, with);
                priced[i * offers + k - 1] = new OfferOption(Math.Clamp(predictions.Probability(i, k), 0, 1), Math.Clamp(predictions.Probability(i, 0), 0, 1),
                    value, SyntheticOffers.PurchaseValue(0, without), SyntheticOffers.Margin * with - value);
            }
        var plan = OfferPlanner.Plan(priced, offers);
        Console.WriteLine($"Price and plan {fresh.Data.Count:N0} customers: {clock.Elapsed.TotalSeconds:0.0} s");
        var earned = fresh.ProfitOf(i => plan.Choice[i] + 1);
        var oracle = fresh.ProfitOf(fresh.OracleArm);
        Console.WriteLine($"True profit per customer: plan {earned:0.000}, oracle {oracle:0.000} ({earned / oracle:P1} of the oracle's)");
        return 0;
    }
}
