using System.Diagnostics;
using Campaigns.Analytics.Offers;
using Campaigns.Application.Audiences;
using Campaigns.Application.Offers;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Campaigns.Domain.Campaigns;
using Campaigns.Ml.Offers;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench offers`: the app's offer pipeline on the demo store, whose generator knows every customer's true
/// chance to buy and basket under every offer and depth. Seeds (once) a store as of a fixed date, trains the offer model
/// from its finished experiments exactly as the app does (the automatic choice, and a T-learner on boosted trees as the
/// baseline), plans four offers for every customer, and prices each plan with the truth: incremental profit against the
/// oracle plan (each customer's truly best offer, or none), the best single offer for everyone, and sending nothing.
/// </summary>
internal static class OffersBenchmark
{
    private static readonly Promotion[] Offers =
    [
        new() { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Email },
        new() { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Email },
        new() { Type = PromotionType.FreeShipping, Channel = Channel.Email },
        new() { Type = PromotionType.Bundle, BundleBuy = 2, BundleGet = 1, Channel = Channel.Email },
    ];

    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var bench = await DemoBench.OpenAsync(options, openDatabase);
        await using var db = bench.Db;
        var (generator, customers, seed, asOf) = (bench.Generator, bench.Customers, bench.Seed, bench.AsOf);
        var set = await new TrainingSetBuilder(db).BuildAsync(TargetingOutcome.Conversion);
        var economics = await StoreEconomics.ReadAsync(db, new TargetingOptions(), default);
        var rows = await CustomerRow.AsOf(db, db.Customers.AsNoTracking(), asOf).ToListAsync();
        var externalIds = await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ExternalId);
        var offers = Offers.Select((o, i) => new CandidateOffer(i, o.Describe(), o)).ToList();
        Console.WriteLine($"Demo store of {customers:N0} customers (seed {seed}, as of {asOf:yyyy-MM-dd}): {set.Data.Count:N0} assignments in {set.Experiments} finished experiments;");
        Console.WriteLine($"offers {string.Join(", ", offers.Select(o => o.Name))}; margin {economics.MarginRate:P1}; planned for {rows.Count:N0} customers.");
        Console.WriteLine($"Share of their terms the orders under past offers gave away: {string.Join(", ", economics.Redemption.Select(r => $"{r.Key} {r.Value:P1}"))}.");

        var truth = Truth(rows, externalIds, generator, economics);
        var oracle = OfferPlanner.Plan(truth, Offers.Length);
        var segments = rows.Select(r => generator.SegmentOf(externalIds[r.Id])).ToArray();
        Report("Oracle (true best offer or none)", oracle.Choice, truth, oracle.Value.Profit);
        BySegment(segments, oracle.Choice, truth);
        for (var k = 0; k < Offers.Length; k++)
            Report($"{offers[k].Name} for everyone", Enumerable.Repeat(k, rows.Count).ToArray(), truth, oracle.Value.Profit);
        var budget = oracle.Value.Spend / 4;
        var oracleBudget = OfferPlanner.Plan(truth, Offers.Length, budget);
        Console.WriteLine($"Budget for the budgeted plans: a quarter of the oracle's spend, {budget:N0}.");
        Report("Oracle within the budget", oracleBudget.Choice, truth, oracleBudget.Value.Profit);

        // --candidates: every candidate alone too, to see how far the automatic choice is from the truly best one.
        UpliftLearner[] learners = options.Flag("candidates")
            ? [UpliftLearner.Auto, UpliftLearner.S, UpliftLearner.T, UpliftLearner.X, UpliftLearner.DR, UpliftLearner.Neural]
            : [UpliftLearner.Auto, UpliftLearner.T];
        foreach (var learner in learners)
        {
            var clock = Stopwatch.StartNew();
            var result = OfferTrainer.Train(set.Data, OfferTrainingService.Baskets(set, economics), OfferTrainingService.Options(set, economics, learner));
            var trained = clock.Elapsed;
            clock.Restart();
            var priced = OfferPricing.PriceAll(result.Model, set.Attributes, rows, offers, economics);
            var plan = OfferPlanner.Plan(priced, Offers.Length);
            var planned = clock.Elapsed;
            var budgeted = OfferPlanner.Plan(priced, Offers.Length, budget);
            Console.WriteLine($"{learner} learner ({result.Chosen}): trained in {trained.TotalSeconds:N1} s on {set.Data.Count:N0} rows, planned in {planned.TotalSeconds:N1} s;" +
                $" held-out plan over nothing {result.Evaluation.PlanOverNothing.Dr.Value:N3} per customer ({result.Evaluation.PlanOverNothing.Dr.Low:N3} to {result.Evaluation.PlanOverNothing.Dr.High:N3}).");
            if (result.Candidates.Count > 1)
                Console.WriteLine("  Cross-validated plan profit per customer: " +
                    string.Join(", ", result.Candidates.Select(c => $"{c.Learner} {c.ProfitPerCustomer:N3} ± {c.StandardError:N3}")));
            Report($"  {learner} plan", plan.Choice, truth, oracle.Value.Profit, plan.Value.Profit);
            BySegment(segments, plan.Choice, truth);
            Report($"  {learner} plan within the budget", budgeted.Choice, truth, oracleBudget.Value.Profit, budgeted.Value.Profit);
        }
        return 0;
    }

    /// <summary>Purchases per customer and offer the truth averages its value over (<see cref="DemoStoreGenerator.TruePurchases"/>).</summary>
    private const int BasketDraws = 32;

    /// <summary>
    /// Every offer on every customer priced with the generator's true chance to buy, and the value and cost of a purchase
    /// averaged over the purchases it draws (the store's margin on each basket less what the offer truly gave away on it):
    /// pricing the mean basket with the app's cost estimates would miss, say, the fee free shipping waives on a
    /// customer's smaller baskets.
    /// </summary>
    private static OfferOption[] Truth(IReadOnlyList<CustomerRow> rows, Dictionary<Guid, string> externalIds, DemoStoreGenerator generator, StoreEconomics economics)
    {
        var truth = new OfferOption[rows.Count * Offers.Length];
        Parallel.For(0, rows.Count, i =>
        {
            var key = externalIds[rows[i].Id];
            var none = TruePurchase(generator, economics, key, null);
            for (var k = 0; k < Offers.Length; k++)
            {
                var with = TruePurchase(generator, economics, key, Offers[k]);
                truth[i * Offers.Length + k] = new OfferOption(with.Probability, none.Probability, with.Value, none.Value, with.Cost);
            }
        });
        return truth;
    }

    /// <summary>A customer's true chance to buy under the offer, and the mean value and cost of that purchase over its drawn purchases.</summary>
    private static (double Probability, double Value, double Cost) TruePurchase(DemoStoreGenerator generator, StoreEconomics economics, string key, Promotion? offer)
    {
        var purchases = generator.TruePurchases(key, offer, BasketDraws);
        return (generator.TrueResponse(key, offer).Probability, purchases.Average(b => economics.MarginRate * b.Basket - b.GivenAway),
            purchases.Average(b => b.GivenAway));
    }

    /// <summary>Where a plan earns and loses: per hidden segment, customers per offer and their true incremental profit.</summary>
    private static void BySegment(DemoSegment[] segments, IReadOnlyList<int> choice, OfferOption[] truth)
    {
        foreach (var segment in Enum.GetValues<DemoSegment>())
        {
            var members = Enumerable.Range(0, segments.Length).Where(i => segments[i] == segment).ToArray();
            var mix = string.Join(" ", Enumerable.Range(0, Offers.Length).Select(k => $"{members.Count(i => choice[i] == k):N0}"));
            var profit = members.Where(i => choice[i] >= 0).Sum(i => truth[i * Offers.Length + choice[i]].Profit);
            Console.WriteLine($"    {segment} ({members.Length:N0}): customers per offer [{mix}], true incremental profit {profit:N0}");
        }
    }

    private static void Report(string name, IReadOnlyList<int> choice, OfferOption[] truth, double oracle, double? predicted = null)
    {
        var value = OfferPlanner.Value(truth, Offers.Length, choice);
        var mix = string.Join(" ", Enumerable.Range(0, Offers.Length).Select(k => $"{choice.Count(c => c == k):N0}"));
        Console.WriteLine($"{name}: true incremental profit {value.Profit:N0} ({value.Profit / oracle:P1} of the oracle's), spend {value.Spend:N0}, customers per offer [{mix}]" +
            (predicted is { } p ? $", predicted {p:N0}" : ""));
    }
}
