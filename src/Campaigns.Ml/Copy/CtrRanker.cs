using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Campaigns.Ml.Copy;

/// <summary>
/// Click-through of a headline: ML.NET text features (word uni/bigrams and character trigrams) with channel, promotion
/// type, category, tone, channel×tone and a length band, into a logistic regression fitted on click and no-click rows
/// weighted by their counts — a likelihood fit, so its probabilities are calibrated by construction (the held-out
/// calibration error is reported). The interval comes from bootstrap refits; word effects from leaving each word out.
/// </summary>
public sealed partial class CtrRanker
{
    private const string FormatName = "campaigns-ctr-ranker";
    private const int FormatVersion = 1;
    private const float WeightScale = 0.1f; // counts are scaled so the L2 penalty keeps a sensible strength

    private readonly MLContext _ml;
    private readonly ITransformer _featurizer;
    private readonly LinearWeights[] _models; // [0] is the fit on all lines, the rest bootstrap refits
    private readonly Lock _lock = new();

    private CtrRanker(MLContext ml, ITransformer featurizer, LinearWeights[] models, CtrRankerMetrics metrics)
    {
        _ml = ml;
        _featurizer = featurizer;
        _models = models;
        Metrics = metrics;
    }

    public CtrRankerMetrics Metrics { get; }

    /// <summary>Evaluates on a held-out split of the lines, then refits on all of them (with the bootstrap refits).</summary>
    public static CtrRanker Train(IReadOnlyList<CopyLine> lines, CtrRankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var shown = lines.Where(l => l.Impressions > 0).ToList();
        if (shown.Count < 20) throw new ArgumentException($"{shown.Count} lines of copy have impressions; at least 20 are needed to train a ranker.");
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(options.Seed);
        var order = Enumerable.Range(0, shown.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var testCount = (int)Math.Round(shown.Count * options.TestShare);
        var test = order.Take(testCount).Select(i => shown[i]).ToList();
        var training = order.Skip(testCount).Select(i => shown[i]).ToList();

        var (featurizer, weights) = Fit(ml, training, options, bootstraps: 0);
        var evaluated = new CtrRanker(ml, featurizer, weights, null!);
        var scores = evaluated.Score(test.Select(l => (l.Text, l.Conditions)).ToList(), 0);
        var observed = test.Select(l => (l.Clicks, NonClicks: l.Impressions - l.Clicks)).ToList();
        var lengthScores = LengthOnly(training, test);
        var baseRate = (double)training.Sum(l => l.Clicks) / training.Sum(l => l.Impressions);

        var (allFeaturizer, allWeights) = Fit(ml, shown, options, options.Bootstraps);
        var metrics = new CtrRankerMetrics(CtrMetrics.Auc(scores, observed), CtrMetrics.LogLoss(scores, observed),
            CtrMetrics.LogLoss(test.Select(_ => baseRate).ToList(), observed), CtrMetrics.Auc(lengthScores, observed),
            CtrMetrics.CalibrationError(scores, observed), training.Count, test.Count, options.Bootstraps, clock.Elapsed.TotalSeconds);
        return new CtrRanker(ml, allFeaturizer, allWeights, metrics);
    }

    /// <summary>Predicted CTR, interval and word effects of each headline under its conditions.</summary>
    public IReadOnlyList<CtrPrediction> Predict(IReadOnlyList<(string Text, CopyConditions Conditions)> items, int wordsEachWay = 3)
    {
        // Every headline and each of its leave-one-word-out variants, featurized in one pass.
        var variants = new List<(string Text, CopyConditions Conditions)>();
        var words = new List<string[]>();
        foreach (var (text, conditions) in items)
        {
            variants.Add((text, conditions));
            var distinct = WordPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            words.Add(distinct);
            foreach (var word in distinct) variants.Add((WithoutWord(text, word), conditions));
        }
        var features = Featurize(variants);
        var result = new List<CtrPrediction>(items.Count);
        var at = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var x = features[at++];
            var ctr = _models[0].Probability(x);
            var boot = _models.Skip(1).Select(m => m.Probability(x)).Order().ToArray();
            var (low, high) = boot.Length >= 2 ? (Percentile(boot, 0.05), Percentile(boot, 0.95)) : (ctr, ctr);
            var effects = words[i].Select(w => new WordEffect(w, ctr - _models[0].Probability(features[at++]))).ToList();
            result.Add(new CtrPrediction(ctr, Math.Min(low, ctr), Math.Max(high, ctr),
                effects.Where(e => e.Delta > 0).OrderByDescending(e => e.Delta).Take(wordsEachWay).ToList(),
                effects.Where(e => e.Delta < 0).OrderBy(e => e.Delta).Take(wordsEachWay).ToList()));
        }
        return result;
    }

    private double[] Score(IReadOnlyList<(string Text, CopyConditions Conditions)> items, int model) =>
        Featurize(items).Select(x => _models[model].Probability(x)).ToArray();

    private List<VBuffer<float>> Featurize(IReadOnlyList<(string Text, CopyConditions Conditions)> items)
    {
        var rows = items.Select(i => CtrInput.From(i.Text, i.Conditions, label: false, weight: 1)).ToList();
        lock (_lock)
        {
            var view = _featurizer.Transform(_ml.Data.LoadFromEnumerable(rows));
            return view.GetColumn<VBuffer<float>>("Features").Select(v => { VBuffer<float> copy = default; v.CopyTo(ref copy); return copy; }).ToList();
        }
    }

    private static (ITransformer Featurizer, LinearWeights[] Models) Fit(MLContext ml, IReadOnlyList<CopyLine> lines, CtrRankerOptions options, int bootstraps)
    {
        var pipeline = ml.Transforms.Text.FeaturizeText("TextFeatures", new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        }, nameof(CtrInput.Text))
            .Append(ml.Transforms.Categorical.OneHotEncoding([
                new InputOutputColumnPair("ChannelF", nameof(CtrInput.Channel)), new InputOutputColumnPair("TypeF", nameof(CtrInput.PromotionType)),
                new InputOutputColumnPair("CategoryF", nameof(CtrInput.Category)), new InputOutputColumnPair("ToneF", nameof(CtrInput.Tone)),
                new InputOutputColumnPair("ChannelToneF", nameof(CtrInput.ChannelTone)), new InputOutputColumnPair("LengthF", nameof(CtrInput.LengthBand))]))
            .Append(ml.Transforms.Concatenate("Features", "TextFeatures", "ChannelF", "TypeF", "CategoryF", "ToneF", "ChannelToneF", "LengthF"));
        var rows = Rows(lines, null);
        var featurizer = pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
        var models = new List<LinearWeights> { FitLogistic(ml, featurizer, rows, options) };
        var random = new Random(options.Seed + 1);
        for (var b = 0; b < bootstraps; b++)
        {
            var multipliers = lines.Select(_ => (float)Poisson1(random)).ToArray();
            models.Add(FitLogistic(ml, featurizer, Rows(lines, multipliers), options));
        }
        return (featurizer, models.ToArray());
    }

    private static LinearWeights FitLogistic(MLContext ml, ITransformer featurizer, List<CtrInput> rows, CtrRankerOptions options)
    {
        var data = ml.Data.Cache(featurizer.Transform(ml.Data.LoadFromEnumerable(rows.Where(r => r.Weight > 0))));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(CtrInput.Label), FeatureColumnName = "Features", ExampleWeightColumnName = nameof(CtrInput.Weight),
            L2Regularization = options.L2Regularization, L1Regularization = 0, NumberOfThreads = 1,
        });
        var model = trainer.Fit(data).Model.SubModel;
        return new LinearWeights(model.Weights.ToArray(), model.Bias);
    }

    /// <summary>Two weighted rows per line: clicks as positives, impressions without a click as negatives.</summary>
    private static List<CtrInput> Rows(IReadOnlyList<CopyLine> lines, float[]? multipliers)
    {
        var rows = new List<CtrInput>(lines.Count * 2);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            var m = (multipliers?[i] ?? 1f) * WeightScale;
            rows.Add(CtrInput.From(l.Text, l.Conditions, true, l.Clicks * m));
            rows.Add(CtrInput.From(l.Text, l.Conditions, false, (l.Impressions - l.Clicks) * m));
        }
        return rows;
    }

    /// <summary>The baseline: each held-out line scored with the training CTR of its length band (5 characters wide).</summary>
    private static List<double> LengthOnly(IReadOnlyList<CopyLine> training, IReadOnlyList<CopyLine> test)
    {
        var bands = training.GroupBy(l => l.Text.Length / 5).ToDictionary(g => g.Key, g => (Clicks: g.Sum(l => (double)l.Clicks), Shown: g.Sum(l => (double)l.Impressions)));
        var overall = training.Sum(l => (double)l.Clicks) / training.Sum(l => (double)l.Impressions);
        return test.Select(l => bands.TryGetValue(l.Text.Length / 5, out var b) ? (b.Clicks + overall * 100) / (b.Shown + 100) : overall).ToList();
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(sorted.Length - 1, lower + 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    private static int Poisson1(Random random)
    {
        var limit = Math.Exp(-1);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }

    private static string WithoutWord(string text, string word) =>
        Regex.Replace(Regex.Replace(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])", "", RegexOptions.IgnoreCase), @"\s+", " ").Trim();

    [GeneratedRegex(@"[\p{L}\p{N}%']+")]
    private static partial Regex WordPattern();

    /// <summary>Writes a model file: manifest.json (metrics), featurizer.zip (the ML.NET text and one-hot transforms) and weights.json.</summary>
    public void Save(Stream stream)
    {
        using var archive = ModelArchive.Create(stream, new Manifest(FormatName, FormatVersion, Metrics, _models[0].Weights.Length));
        archive.WriteMlNet(_ml, _featurizer, _ml.Data.LoadFromEnumerable(new List<CtrInput>()).Schema, "featurizer.zip");
        archive.WriteJson("weights.json", _models);
    }

    /// <summary>Reads what <see cref="Save"/> wrote; anything else gives an InvalidDataException naming the problem.</summary>
    public static CtrRanker Load(Stream stream)
    {
        var (archive, manifest) = ModelArchive.Open<Manifest>(stream, FormatName, FormatVersion, "a CTR ranker");
        using (archive)
        {
            var models = archive.ReadJson<LinearWeights[]>("weights.json");
            if (models is not { Length: > 0 } || models.Any(m => m.Weights?.Length != manifest.Features))
                throw new InvalidDataException($"weights.json does not hold models of the {manifest.Features} features manifest.json describes.");
            var ml = new MLContext(0);
            var ranker = new CtrRanker(ml, archive.ReadMlNet(ml, "featurizer.zip", out _), models, manifest.Metrics);
            // The first featurization builds ML.NET's row mappers (about half a second): paid here, not by the first request.
            ranker.Predict([("warm up", new CopyConditions(CopyChannel.Push, Domain.Campaigns.PromotionType.PercentDiscount, null, Domain.Copy.Tone.Friendly))]);
            return ranker;
        }
    }

    private sealed record Manifest(string Format, int Version, CtrRankerMetrics Metrics, int Features) : IModelManifest;

    /// <summary>A fitted logistic regression: P(click) = σ(w·x + b).</summary>
    internal sealed record LinearWeights(float[] Weights, float Bias)
    {
        public double Probability(VBuffer<float> x)
        {
            double z = Bias;
            var values = x.GetValues();
            if (x.IsDense)
                for (var j = 0; j < values.Length; j++) z += values[j] * Weights[j];
            else
            {
                var indices = x.GetIndices();
                for (var k = 0; k < values.Length; k++) z += values[k] * Weights[indices[k]];
            }
            return 1 / (1 + Math.Exp(-z));
        }
    }
}
