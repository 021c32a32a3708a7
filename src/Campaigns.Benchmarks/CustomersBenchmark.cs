using System.Diagnostics;
using Campaigns.Analytics.Customers;
using Campaigns.Application.Audiences;
using Campaigns.Application.Customers;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Campaigns.Ml.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench customers`: seeds (once) a demo store of N customers, trains the customer-insights model as the app's
/// job does (backtest, training as of today, scoring every customer), then times a rescoring (read every order, predict,
/// replace every customer's scores) and audience rules over the predictions, and prints the backtest. With --demo, the
/// store is seeded as of a fixed day (<see cref="DemoBench"/>) and the version is judged instead against the generator's
/// truth: the same backtest on the stored orders followed by the simulated year after the end of history, and the
/// predictions against each customer's true probabilities and expected spend.
/// </summary>
internal static class CustomersBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var bench = options.Flag("demo") ? await DemoBench.OpenAsync(options, openDatabase) : null;
        await using var db = bench?.Db ?? await AudienceBenchmark.SeededAsync(options, openDatabase);
        var store = new ModelStore(db);
        var scoring = new CustomerScoring(db, store);
        var clock = Stopwatch.StartNew();
        var current = (await store.CurrentAsync(ModelKind.CustomerInsights))?.Id;
        if (current is null || options.Value("retrain") is not null)
        {
            var trained = await new CustomerInsightsTrainingService(db, store, scoring, Options.Create(new CustomerInsightsOptions()))
                .TrainAsync(ModelKind.CustomerInsights, new TrainingRun("benchmark"), default);
            Console.WriteLine($"Trained, backtested and scored in {clock.Elapsed.TotalSeconds:0.0} s: {trained.Summary}");
            if (!trained.Promoted) return 1;
            current = trained.VersionId;
        }

        var metrics = CustomerInsightsMetrics.FromJson(await db.ModelVersions.Where(v => v.Id == current).Select(v => v.MetricsJson).SingleAsync())!;
        Print(metrics.Backtest, "Backtest on the stored orders");
        Console.WriteLine($"  personas: {string.Join(", ", metrics.Personas.OrderByDescending(p => p.Size).Select(p => $"{p.Name} {p.Size:N0}"))}");
        if (bench is not null)
        {
            await JudgeAgainstTruthAsync(bench, await store.LoadCustomerModelsAsync(current.Value));
            return 0;
        }

        clock.Restart();
        var stages = new StageTimes(clock);
        Console.WriteLine($"Rescoring: {await scoring.ScoreCurrentAsync(stages, default)} in {clock.Elapsed.TotalSeconds:0.0} s ({stages})");

        var promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Push };
        var persona = await db.CustomerScores.GroupBy(s => s.Persona).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        foreach (var rules in new[]
                 {
                     new AudienceRules { MinChurnRisk = 0.6 },
                     new AudienceRules { TopValuePercent = 20 },
                     new AudienceRules { Personas = [persona], MinPurchaseProbability = 0.3 },
                 })
        {
            clock.Restart();
            var count = await db.Customers.AsNoTracking().Eligible(rules, promotion, DateTime.UtcNow).CountAsync();
            Console.WriteLine($"Audience \"{rules.Describe()}\": {count:N0} customers in {clock.Elapsed.TotalMilliseconds:0} ms");
        }
        return 0;
    }

    private static void Print(CustomerBacktest b, string heading)
    {
        Console.WriteLine($"{heading} as of {b.AsOf:yyyy-MM-dd} on {b.Customers:N0} customers ({b.CoveredDays} days after it):");
        Console.WriteLine($"  churn ({b.Options.ChurnDays} d): AUC {b.Churn.Auc:0.000} ({b.Churn.Band}), recency alone {b.ChurnByRecency.Auc:0.000}; top-decile lift {b.Churn.TopDecileLift:0.00}");
        Console.WriteLine($"  propensity ({b.Options.PurchaseDays} d): AUC {b.Purchase.Auc:0.000} ({b.Purchase.Band}), recency alone {b.PurchaseByRecency.Auc:0.000}; top-decile lift {b.Purchase.TopDecileLift:0.00}");
        Console.WriteLine($"  value ({b.ValueDaysObserved} d): MAE {b.Value.MeanAbsoluteError:0.00} vs BG/NBD + Gamma-Gamma {b.ValueBaseline.MeanAbsoluteError:0.00}; top 20% capture {b.Value.TopFifthCapture:P1} vs {b.ValueBaseline.TopFifthCapture:P1} ({b.ValueChoice.Reason})");
        if (b.Affinity is { } a && b.AffinityByPopularity is { } pop)
            Console.WriteLine($"  affinity ({Math.Min(b.CoveredDays, b.Options.AffinityDays)} d, {a.Products.Customers:N0} buyers, {(b.AffinityChoice!.Factorization ? "factorization" : "popularity")} served): " +
                $"precision@10 {a.Products.Precision:0.000} vs popularity {pop.Products.Precision:0.000}, recall@10 {a.Products.Recall:0.000} vs {pop.Products.Recall:0.000}; " +
                $"categories precision@3 {a.Categories.Precision:0.000} vs {pop.Categories.Precision:0.000}, hit rate@3 {a.Categories.HitRate:0.000} vs {pop.Categories.HitRate:0.000}");

    }

    /// <summary>
    /// The current version trained as of the end of the demo history, judged on what the generator says follows it: the
    /// backtest on the stored orders plus the realized year after, then each prediction against the customer's truth.
    /// </summary>
    private static async Task JudgeAgainstTruthAsync(DemoBench bench, CustomerModels models)
    {
        var truths = bench.Generator.TrueFuture();
        var stored = await StoredOrders.ReadAsync(bench.Db, null, default);
        var asOf = DateOnly.FromDateTime(bench.AsOf);
        var builder = new OrderHistory.Builder();
        for (var c = 0; c < stored.Customers; c++)
            for (var o = stored.Start[c]; o < stored.Start[c + 1]; o++)
                if (stored.Day[o] < asOf.DayNumber)
                    builder.Add(stored.CustomerIds[c], DateOnly.FromDayNumber(stored.Day[o]), stored.Amount[o],
                        stored.Category[o] is var k and >= 0 ? stored.Categories[k] : null, double.IsNaN(stored.Discount[o]) ? null : stored.Discount[o],
                        stored.Product[o] is var p and >= 0 ? stored.Products[p] : null);
        foreach (var truth in truths)
            foreach (var order in truth.Orders)
                builder.Add(truth.CustomerId.ToString(), DateOnly.FromDateTime(order.PlacedAt), (double)order.Total, order.Category, (double)order.Discount, order.ProductId.ToString());
        var history = builder.Build();
        Print(CustomerBacktest.Run(history, asOf, models), "Against the simulated year after the end of history");

        var byId = truths.ToDictionary(t => t.CustomerId.ToString());
        var features = models.FeaturesAsOf(history, asOf);
        var predicted = models.Predict(features);
        var customers = Enumerable.Range(0, features.Count).Select(i => byId[history.CustomerIds[features.Customer[i]]]).ToArray();
        double Error(float[] score, Func<DemoCustomerTruth, double> truth) => customers.Select((t, i) => Math.Abs(score[i] - truth(t))).Average();
        double[] Of(float[] score) => [.. score.Select(v => (double)v)];
        var (trueSpend, trueChurn) = (customers.Select(t => t.ExpectedSpend).ToArray(), customers.Select(t => t.ChurnProbability).ToArray());
        var recency = features.Recency;
        Console.WriteLine($"Against each customer's true future ({customers.Length:N0} customers with orders):");
        Console.WriteLine($"  churn: Spearman with the true P(no order in {DemoCustomerTruth.ChurnDays} d) {Spearman(Of(predicted.ChurnRisk), trueChurn):0.000}, recency alone {Spearman(recency, trueChurn):0.000}; " +
            $"mean |predicted - true| {Error(predicted.ChurnRisk, t => t.ChurnProbability):0.000}");
        Console.WriteLine($"  propensity: mean |predicted - true P(an order in {DemoCustomerTruth.PurchaseDays} d)| {Error(predicted.PurchaseProbability, t => t.PurchaseProbability):0.000}");
        Console.WriteLine($"  value: Spearman with the true expected {DemoCustomerTruth.ValueDays}-day spend {Spearman(Of(predicted.PredictedValue), trueSpend):0.000} vs BG/NBD + Gamma-Gamma {Spearman(Of(predicted.BaselineValue), trueSpend):0.000}; " +
            $"top 20% capture of it {ValueQuality.Evaluate(Of(predicted.PredictedValue), trueSpend).TopFifthCapture:P1} vs {ValueQuality.Evaluate(Of(predicted.BaselineValue), trueSpend).TopFifthCapture:P1} (truth itself {ValueQuality.Evaluate(trueSpend, trueSpend).TopFifthCapture:P1}); " +
            $"expected orders mean |error| {Error(predicted.ExpectedOrders, t => t.ExpectedOrders):0.00}");
        if (models.ValueChoice.BoostedWeight is > 0 and var w)
        {
            // The served value is w × boosted + (1 − w) × baseline: the boosted model's own ranking, for the choice's sake.
            var boosted = Enumerable.Range(0, customers.Length).Select(i => (predicted.PredictedValue[i] - (1 - w) * predicted.BaselineValue[i]) / w).ToArray();
            Console.WriteLine($"  the boosted value model alone: Spearman {Spearman(boosted, trueSpend):0.000}, top 20% capture {ValueQuality.Evaluate(boosted, trueSpend).TopFifthCapture:P1}");
        }
        foreach (var trajectory in Enum.GetValues<DemoTrajectory>())
        {
            var rows = Enumerable.Range(0, customers.Length).Where(i => customers[i].Trajectory == trajectory).ToArray();
            double Within(double[] score, double[] truth) => Spearman([.. rows.Select(i => score[i])], [.. rows.Select(i => truth[i])]);
            double Capture(double[] score) => ValueQuality.Evaluate([.. rows.Select(i => score[i])], [.. rows.Select(i => trueSpend[i])]).TopFifthCapture;
            Console.WriteLine($"  {trajectory} ({rows.Length:N0}): churn Spearman {Within(Of(predicted.ChurnRisk), trueChurn):0.000} vs recency {Within(recency, trueChurn):0.000}; " +
                $"value Spearman {Within(Of(predicted.PredictedValue), trueSpend):0.000} vs BG/NBD {Within(Of(predicted.BaselineValue), trueSpend):0.000}, " +
                $"top 20% capture {Capture(Of(predicted.PredictedValue)):P1} vs {Capture(Of(predicted.BaselineValue)):P1}");
        }
    }

    /// <summary>Rank correlation (ties at their mean rank).</summary>
    private static double Spearman(double[] a, double[] b)
    {
        var (ra, rb) = (Ranks(a), Ranks(b));
        var (ma, mb) = (ra.Average(), rb.Average());
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++) (sab, saa, sbb) = (sab + (ra[i] - ma) * (rb[i] - mb), saa + (ra[i] - ma) * (ra[i] - ma), sbb + (rb[i] - mb) * (rb[i] - mb));
        return sab / Math.Sqrt(saa * sbb);
    }

    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && values[order[j]] == values[order[i]]) j++;
            for (var k = i; k < j; k++) ranks[order[k]] = (i + j - 1) / 2.0;
            i = j;
        }
        return ranks;
    }

    /// <summary>When each stage of a run began (its first report), for the breakdown of a total.</summary>
    private sealed class StageTimes(Stopwatch clock) : IProgress<(string Stage, double Fraction)>
    {
        private readonly List<(string Stage, TimeSpan At)> _starts = [];

        public void Report((string Stage, double Fraction) value)
        {
            var stage = value.Stage.Split(" (")[0];
            if (_starts.Count == 0 || _starts[^1].Stage != stage) _starts.Add((stage, clock.Elapsed));
        }

        public override string ToString() =>
            string.Join("; ", _starts.Select((s, k) => $"{s.Stage} {((k + 1 < _starts.Count ? _starts[k + 1].At : clock.Elapsed) - s.At).TotalSeconds:0.0} s"));
    }
}
