using System.Diagnostics;
using Campaigns.Application.Audiences;
using Campaigns.Application.Customers;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench customers`: seeds (once) a demo store of N customers, trains the customer-insights model as the app's
/// job does (backtest, training as of today, scoring every customer), then times a rescoring (read every order, predict,
/// replace every customer's scores) and audience rules over the predictions, and prints the backtest.
/// </summary>
internal static class CustomersBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        await using var db = await AudienceBenchmark.SeededAsync(options, openDatabase);
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
        var b = metrics.Backtest;
        Console.WriteLine($"Backtest as of {b.AsOf:yyyy-MM-dd} on {b.Customers:N0} customers ({b.CoveredDays} days after it):");
        Console.WriteLine($"  churn ({b.Options.ChurnDays} d): AUC {b.Churn.Auc:0.000} ({b.Churn.Band}), recency alone {b.ChurnByRecency.Auc:0.000}; top-decile lift {b.Churn.TopDecileLift:0.00}");
        Console.WriteLine($"  propensity ({b.Options.PurchaseDays} d): AUC {b.Purchase.Auc:0.000} ({b.Purchase.Band}), recency alone {b.PurchaseByRecency.Auc:0.000}; top-decile lift {b.Purchase.TopDecileLift:0.00}");
        Console.WriteLine($"  value ({b.ValueDaysObserved} d): MAE {b.Value.MeanAbsoluteError:0.00} vs BG/NBD + Gamma-Gamma {b.ValueBaseline.MeanAbsoluteError:0.00}; top 20% capture {b.Value.TopFifthCapture:P1} vs {b.ValueBaseline.TopFifthCapture:P1} ({b.ValueChoice.Reason})");
        if (b.Affinity is { } a && b.AffinityByPopularity is { } pop)
            Console.WriteLine($"  affinity ({Math.Min(b.CoveredDays, b.Options.AffinityDays)} d, {a.Products.Customers:N0} buyers, {(b.AffinityChoice!.Factorization ? "factorization" : "popularity")} served): " +
                $"precision@10 {a.Products.Precision:0.000} vs popularity {pop.Products.Precision:0.000}, recall@10 {a.Products.Recall:0.000} vs {pop.Products.Recall:0.000}; " +
                $"categories precision@3 {a.Categories.Precision:0.000} vs {pop.Categories.Precision:0.000}, hit rate@3 {a.Categories.HitRate:0.000} vs {pop.Categories.HitRate:0.000}");
        Console.WriteLine($"  personas: {string.Join(", ", metrics.Personas.OrderByDescending(p => p.Size).Select(p => $"{p.Name} {p.Size:N0}"))}");

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
