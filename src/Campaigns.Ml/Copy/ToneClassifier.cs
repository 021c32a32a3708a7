using System.Diagnostics;
using Campaigns.Domain.Copy;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Campaigns.Ml.Copy;

/// <summary>
/// The tone a line of copy reads as: ML.NET text features (word uni/bigrams and character trigrams) into a
/// multiclass maximum-entropy model, so each tone gets a probability. Trained on the corpus's tone labels; evaluated
/// on held-out distinct texts (a line repeated across campaigns is either all in training or all held out).
/// </summary>
public sealed class ToneClassifier
{
    private const string FormatName = "campaigns-tone-classifier";
    private const int FormatVersion = 1;

    private static readonly Tone[] Tones = Enum.GetValues<Tone>();

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly Lock _lock = new();

    private ToneClassifier(MLContext ml, ITransformer model, ToneClassifierMetrics metrics)
    {
        _ml = ml;
        _model = model;
        Metrics = metrics;
    }

    public ToneClassifierMetrics Metrics { get; }

    /// <summary>Evaluates on a held-out share of the distinct texts, then refits on all of them.</summary>
    public static ToneClassifier Train(IReadOnlyList<CopyLine> lines, int seed, double testShare = 0.2)
    {
        ArgumentNullException.ThrowIfNull(lines);
        // One row per distinct text, with its most frequent label.
        var texts = lines.GroupBy(l => l.Text.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new ToneRow { Text = g.Key, Tone = g.GroupBy(l => l.Conditions.Tone).OrderByDescending(t => t.Count()).ThenBy(t => t.Key).First().Key.ToString() })
            .OrderBy(r => r.Text, StringComparer.Ordinal).ToList();
        if (texts.Count < 20) throw new ArgumentException($"{texts.Count} distinct lines of copy; at least 20 are needed to train a tone classifier.");
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed);
        var order = Enumerable.Range(0, texts.Count).ToArray();
        new Random(seed).Shuffle(order);
        var testCount = Math.Max(1, (int)Math.Round(texts.Count * testShare));
        var test = order.Take(testCount).Select(i => texts[i]).ToList();
        var training = order.Skip(testCount).Select(i => texts[i]).ToList();

        var evaluated = new ToneClassifier(ml, Fit(ml, training), null!);
        var predicted = evaluated.Predict(test.Select(r => r.Text).ToList());
        var actual = test.Select(r => Enum.Parse<Tone>(r.Tone)).ToList();
        var confusion = Tones.Where(actual.Contains).ToDictionary(a => a,
            a => (IReadOnlyDictionary<Tone, int>)Tones.ToDictionary(p => p, p => actual.Where((t, i) => t == a && predicted[i].Tone == p).Count()));
        var macro = confusion.Select(c => (double)c.Value[c.Key] / c.Value.Values.Sum()).Average();
        var accuracy = actual.Where((t, i) => predicted[i].Tone == t).Count() / (double)actual.Count;

        var model = Fit(ml, texts);
        var metrics = new ToneClassifierMetrics(macro, accuracy, 1.0 / confusion.Count, confusion, training.Count, test.Count, clock.Elapsed.TotalSeconds);
        return new ToneClassifier(ml, model, metrics);
    }

    /// <summary>The most probable tone of each text, with its probability.</summary>
    public IReadOnlyList<TonePrediction> Predict(IReadOnlyList<string> texts)
    {
        List<VBuffer<float>> scores;
        lock (_lock)
        {
            var view = _model.Transform(_ml.Data.LoadFromEnumerable(texts.Select(t => new ToneRow { Text = t, Tone = "" })));
            scores = view.GetColumn<VBuffer<float>>("Score").Select(v => { VBuffer<float> copy = default; v.CopyTo(ref copy); return copy; }).ToList();
        }
        return scores.Select(s =>
        {
            var values = s.DenseValues().ToArray();
            var best = Array.IndexOf(values, values.Max());
            return new TonePrediction(Tones[best], values[best]);
        }).ToList();
    }

    /// <summary>The label's keys are the tones in their enum order, so the score's slot i is tone i whatever the training data held.</summary>
    private static ITransformer Fit(MLContext ml, IReadOnlyList<ToneRow> rows)
    {
        var tones = ml.Data.LoadFromEnumerable(Tones.Select(t => new ToneRow { Text = "", Tone = t.ToString() }));
        var keys = ml.Transforms.SelectColumns(nameof(ToneRow.Tone)).Fit(tones).Transform(tones);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(ToneRow.Tone), keyData: keys)
            .Append(ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            }, nameof(ToneRow.Text)))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label", FeatureColumnName = "Features", NumberOfThreads = 1,
            }));
        return pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    /// <summary>Writes a model file: manifest.json (format and metrics) and model.zip (the ML.NET pipeline).</summary>
    public void Save(Stream stream)
    {
        using var archive = ModelArchive.Create(stream, new Manifest(FormatName, FormatVersion, Metrics, Tones));
        archive.WriteMlNet(_ml, _model, _ml.Data.LoadFromEnumerable(new List<ToneRow>()).Schema, "model.zip");
    }

    /// <summary>Reads what <see cref="Save"/> wrote and classifies a line once; anything else gives an InvalidDataException naming the problem.</summary>
    public static ToneClassifier Load(Stream stream)
    {
        var (archive, manifest) = ModelArchive.Open<Manifest>(stream, FormatName, FormatVersion, "a tone classifier");
        using (archive)
        {
            if (manifest.Tones is null || !manifest.Tones.SequenceEqual(Tones))
                throw new InvalidDataException($"The classifier knows the tones {string.Join(", ", manifest.Tones ?? [])}; this version has {string.Join(", ", Tones)}.");
            var ml = new MLContext(0);
            var classifier = new ToneClassifier(ml, archive.ReadMlNet(ml, "model.zip", out _), manifest.Metrics);
            // Builds ML.NET's row mappers here rather than in the first request, and proves the pipeline scores every tone.
            if (classifier.Predict(["warm up"]) is not [{ Probability: > 0 and <= 1 }])
                throw new InvalidDataException("The tone classifier does not give a probability.");
            return classifier;
        }
    }

    private sealed record Manifest(string Format, int Version, ToneClassifierMetrics Metrics, Tone[] Tones) : IModelManifest;

    private sealed class ToneRow
    {
        public string Text { get; set; } = "";
        public string Tone { get; set; } = "";
    }
}
