using Campaigns.Application.Targeting;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench targeting`: the app's own targeting pipeline on the demo store, whose generator knows every
/// customer's true response to every offer. Seeds (once) a store as of a fixed date, builds the training set from
/// its finished experiments exactly as the app does, and compares the automatic choice with a tuned T-learner on
/// held-out assignments: test Qini on observed outcomes, and the share of the achievable incremental conversions
/// (true effects) captured by each model's top 30%.
/// </summary>
internal static class TargetingBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var bench = await DemoBench.OpenAsync(options, openDatabase);
        await using var db = bench.Db;
        var (generator, customers, seed, asOf) = (bench.Generator, bench.Customers, bench.Seed, bench.AsOf);
        var set = await new TrainingSetBuilder(db).BuildAsync(TargetingOutcome.Conversion);
        var externalIds = await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id.ToString("N"), c => c.ExternalId);
        var promotions = await (from e in db.Experiments.AsNoTracking().Include(e => e.Arms)
                                join c in db.Campaigns on e.CampaignId equals c.Id
                                select new { e.Id, e.Arms, c.Promotion }).ToListAsync();
        // The offer a row's arm made; for a control row, the offer of its experiment's first treated arm.
        var offerOfArm = promotions.SelectMany(p => p.Arms.Select(a => (a.Id,
            Offer: (a.IsControl ? p.Arms.Where(t => !t.IsControl).OrderBy(t => t.Position).First() : a).Offer(p.Promotion)))).ToDictionary(a => a.Id, a => a.Offer);
        var offerOf = (await db.Assignments.AsNoTracking().Select(a => new { a.ExperimentId, a.CustomerId, a.ArmId }).ToListAsync())
            .ToDictionary(a => TrainingSetBuilder.RowId(a.ExperimentId, a.CustomerId), a => offerOfArm[a.ArmId]);
        Console.WriteLine($"Demo store of {customers:N0} customers (seed {seed}, as of {asOf:yyyy-MM-dd}): {set.Data.Count:N0} assignments in {set.Experiments} finished experiments");

        var seeds = options.Int("seeds", 3);
        var runs = new List<(string Learner, double Qini, double Captured)>();
        for (var s = 1; s <= seeds; s++)
        {
            var (trainRows, testRows) = UpliftBenchmark.StratifiedSplit(set.Data, 0.3, s);
            var (train, test) = (set.Data.Select(trainRows), set.Data.Select(testRows));
            var truth = Enumerable.Range(0, test.Count).Select(i =>
            {
                var id = test.IdAt(i);
                return (float)generator.TrueEffect(externalIds[id.Split(':')[1]], offerOf[id]);
            }).ToArray();
            foreach (var (name, result) in UpliftBenchmark.Fit(train, s, []))
            {
                var predictions = result.Model.Predict(test);
                var qini = predictions.Evaluate(test).QiniCoefficient;
                var captured = UpliftBenchmark.CapturedShare(predictions, truth, 0.3);
                runs.Add((name, qini, captured));
                Console.WriteLine($"  seed {s} {name,-8} ({result.Chosen}): test Qini {UpliftReport.F(qini)}  captured in top 30% {captured:P1}");
            }
        }
        foreach (var group in runs.GroupBy(r => r.Learner))
            Console.WriteLine($"  mean {group.Key,-8}: test Qini {UpliftReport.F(group.Average(r => r.Qini))}  captured in top 30% {group.Average(r => r.Captured):P1}");
        return 0;
    }
}
