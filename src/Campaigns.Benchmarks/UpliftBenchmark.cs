using System.Diagnostics;
using Campaigns.Ml.Uplift;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench uplift-speed`: trains the default (auto) learner on N synthetic rows x 12 features and scores N rows.
/// `campaigns-bench uplift`: the auto learner against a tuned T-learner on Hillstrom (Womens E-Mail vs No E-Mail, visit,
/// stratified 70/30) and on synthetic data whose true effects are known.
/// </summary>
internal static class UpliftBenchmark
{
    public static int Speed(CommandOptions options)
    {
        var rows = options.Int("rows", 1_000_000);
        var learner = Enum.TryParse<UpliftLearner>(options.Value("learner") ?? "auto", true, out var l) && Enum.IsDefined(l) ? l
            : throw new ArgumentException($"--learner must be auto, s, t, x, dr or neural, not '{options.Value("learner")}'.");
        var clock = Stopwatch.StartNew();
        var train = SyntheticUplift.Generate(rows, 1).Data;
        var score = SyntheticUplift.Generate(rows, 2).Data;
        Console.WriteLine($"Generated 2 x {rows:N0} rows x 12 features (10 numeric, 2 categorical) in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var result = UpliftTrainer.Train(train, new UpliftTrainingOptions { Learner = learner }, Progress());
        var trainTime = clock.Elapsed;
        UpliftReport.PrintCandidates(result);
        Console.WriteLine($"Train ({learner}, {Environment.ProcessorCount} cores): {trainTime.TotalSeconds:0.0} s");
        clock.Restart();
        var predictions = result.Model.Predict(score);
        Console.WriteLine($"Score {predictions.Count:N0} rows ({result.Chosen}): {clock.Elapsed.TotalSeconds:0.00} s");
        return 0;
    }

    public static int Quality(CommandOptions options)
    {
        var seeds = options.Int("seeds", 3);
        var singles = (options.Value("learners") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => Enum.TryParse<UpliftLearner>(v, true, out var l) && Enum.IsDefined(l) && l != UpliftLearner.Auto ? l
                : throw new ArgumentException($"--learners takes s, t, x, dr or neural, not '{v}'.")).ToList();
        if (options.Value("data") is { } path)
        {
            var data = UpliftCsv.Load(path, null, "segment", "No E-Mail", "visit", ["conversion", "spend"], ["No E-Mail", "Womens E-Mail"]).Data;
            Console.WriteLine($"Hillstrom {path}: {data.Count:N0} rows (Womens E-Mail vs No E-Mail), outcome visit, stratified 70/30, seeds 1..{seeds}");
            var runs = new List<(string Learner, double Qini, double UpliftAt30)>();
            for (var seed = 1; seed <= seeds; seed++)
            {
                var (trainRows, testRows) = StratifiedSplit(data, 0.3, seed);
                var (train, test) = (data.Select(trainRows), data.Select(testRows));
                foreach (var (name, result) in Fit(train, seed, singles))
                {
                    var e = result.Model.Predict(test).Evaluate(test);
                    runs.Add((name, e.QiniCoefficient, e.UpliftAtK[30]));
                    Console.WriteLine($"  seed {seed} {name,-8} ({result.Chosen}): Qini {UpliftReport.F(e.QiniCoefficient)}  uplift@30% {UpliftReport.F(e.UpliftAtK[30])}");
                }
            }
            foreach (var group in runs.GroupBy(r => r.Learner))
                Console.WriteLine($"  mean {group.Key,-8}: Qini {UpliftReport.F(group.Average(r => r.Qini))}  uplift@30% {UpliftReport.F(group.Average(r => r.UpliftAt30))}");
        }
        var rows = options.Int("synthetic-rows", 100_000);
        Console.WriteLine($"Synthetic: {rows:N0} training rows, {rows:N0} test rows with known effects, seeds 1..{seeds}");
        var synthetic = new List<(string Learner, double Captured, double Qini)>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            var train = SyntheticUplift.Generate(rows, seed).Data;
            var test = SyntheticUplift.Generate(rows, 1000 + seed);
            foreach (var (name, result) in Fit(train, seed, singles))
            {
                var predictions = result.Model.Predict(test.Data);
                var captured = CapturedShare(predictions, test.TrueEffect(1), 0.3);
                var qini = predictions.Evaluate(test.Data).QiniCoefficient;
                synthetic.Add((name, captured, qini));
                Console.WriteLine($"  seed {seed} {name,-8} ({result.Chosen}): captured in top 30% {captured:P1}  Qini {UpliftReport.F(qini)}");
            }
        }
        foreach (var group in synthetic.GroupBy(r => r.Learner))
            Console.WriteLine($"  mean {group.Key,-8}: captured in top 30% {group.Average(r => r.Captured):P1}  Qini {UpliftReport.F(group.Average(r => r.Qini))}");
        return 0;
    }

    internal static IEnumerable<(string Name, UpliftTrainingResult Result)> Fit(UpliftDataset train, int seed, IReadOnlyList<UpliftLearner> singles)
    {
        var options = new UpliftTrainingOptions { Seed = seed };
        yield return ("auto", UpliftTrainer.Train(train, options));
        yield return ("tuned T", UpliftBaselines.TunedTLearner(train, options));
        foreach (var learner in singles) yield return (learner.ToString(), UpliftTrainer.Train(train, options with { Learner = learner }));
    }

    /// <summary>Sum of the true effect over the model's top share of rows, over the same sum for the rows with the largest true effects.</summary>
    internal static double CapturedShare(UpliftPredictions predictions, float[] trueEffect, double share)
    {
        var top = (int)(trueEffect.Length * share);
        var byModel = Enumerable.Range(0, trueEffect.Length).OrderByDescending(i => predictions.Effect(i, 1)).Take(top).Sum(i => (double)trueEffect[i]);
        var byOracle = trueEffect.OrderDescending().Take(top).Sum(v => (double)v);
        return byModel / byOracle;
    }

    internal static (int[] Train, int[] Test) StratifiedSplit(UpliftDataset data, double testShare, int seed)
    {
        var random = new Random(seed);
        var (train, test) = (new List<int>(), new List<int>());
        foreach (var stratum in Enumerable.Range(0, data.Count).GroupBy(i => (data.ArmAt(i), data.OutcomeAt(i) != 0)))
        {
            var rows = stratum.ToArray();
            random.Shuffle(rows);
            var held = (int)Math.Round(rows.Length * testShare);
            test.AddRange(rows[..held]);
            train.AddRange(rows[held..]);
        }
        return (train.Order().ToArray(), test.Order().ToArray());
    }

    private static IProgress<(string Stage, double Fraction)> Progress()
    {
        var clock = Stopwatch.StartNew();
        return new Progress<(string Stage, double Fraction)>(p => Console.Error.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s {p.Fraction * 100,3:0}% {p.Stage}"));
    }
}
