using Campaigns.Ml.Uplift.Neural;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Campaigns.Ml.Uplift;

/// <summary>
/// A trained uplift model: the feature encoding, the learner's ML.NET models (or TARNet weights), and how they combine
/// into a control outcome and one effect per treatment arm. Immutable after training; Predict is thread-safe.
/// </summary>
public sealed class UpliftModel
{
    private const string FormatName = "campaigns-uplift";
    private const int FormatVersion = 1;
    private const string NeuralEntry = "parts/tarnet.bin";
    private const int RowsPerScoringChunk = 25_000;

    private readonly MLContext _ml;
    private readonly IReadOnlyDictionary<string, ITransformer> _parts;
    private readonly IReadOnlyDictionary<string, CompiledTrees?> _compiled;
    private readonly double[] _treatedShare;
    private readonly TarNet? _net;

    internal UpliftModel(UpliftLearner learner, IReadOnlyList<string> arms, bool binaryOutcome, FeatureEncoding encoding, MLContext ml,
        IReadOnlyDictionary<string, ITransformer> parts, double[]? treatedShare = null, TarNet? net = null)
    {
        Kind = learner;
        Arms = arms.ToArray();
        BinaryOutcome = binaryOutcome;
        Encoding = encoding;
        _ml = ml;
        _parts = parts;
        _compiled = parts.ToDictionary(p => p.Key, p => CompiledTrees.TryCompile(p.Value), StringComparer.Ordinal);
        _treatedShare = treatedShare ?? new double[arms.Count];
        _net = net;
    }

    internal UpliftLearner Kind { get; }
    internal FeatureEncoding Encoding { get; }

    public string Learner => Kind.ToString();
    public IReadOnlyList<string> Arms { get; }
    public IReadOnlyList<string> NumericFeatures => Encoding.Numeric;
    public IReadOnlyList<string> CategoricalFeatures => Encoding.Categorical;
    public bool BinaryOutcome { get; }

    /// <summary>Free-form text saved with the model (the CLI keeps the names of the id, treatment and outcome columns here).</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Batch predictions for every row, matched to the training features by name (extra columns are ignored).</summary>
    public UpliftPredictions Predict(UpliftDataset rows) =>
        PredictEncoded(Encoding.Encode(rows, standardize: Kind == UpliftLearner.Neural), Enumerable.Range(0, rows.Count).ToArray());

    /// <summary>True when every tree part is scored by its <see cref="CompiledTrees"/> rather than through ML.NET.</summary>
    internal bool TreesCompiled => _compiled.Values.All(c => c is not null);

    /// <summary>Predictions for the given rows of an already encoded matrix (standardized when the learner is neural).</summary>
    /// <param name="compiled">false: score every tree part through ML.NET (to check the compiled trees against).</param>
    internal UpliftPredictions PredictEncoded(float[] x, int[] rows, bool compiled = true)
    {
        var arms = Arms.Count;
        var control = new float[rows.Length];
        var effects = Enumerable.Range(1, arms - 1).Select(_ => new float[rows.Length]).ToArray();
        if (_net is not null)
        {
            PredictNeural(x, rows, control, effects);
            return new UpliftPredictions(control, effects);
        }
        // One pass per part over each chunk; chunks run side by side (each part scores a chunk on one thread).
        var chunks = Math.Clamp(rows.Length / RowsPerScoringChunk, 1, Environment.ProcessorCount * 4);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            var start = (int)((long)rows.Length * c / chunks);
            var end = (int)((long)rows.Length * (c + 1) / chunks);
            ScoreChunk(x, rows, start, end - start, control, effects, compiled);
        });
        return new UpliftPredictions(control, effects);
    }

    private void ScoreChunk(float[] x, int[] rows, int start, int count, float[] control, float[][] effects, bool compiled)
    {
        void Score(string part, MatrixDataView view, Span<float> output) =>
            Boosting.Score(_parts[part], compiled ? _compiled[part] : null, view, output);

        var width = Encoding.Width;
        var view = new MatrixDataView(x, width, rows, start, count);
        var mu0 = control.AsSpan(start, count);
        switch (Kind)
        {
            case UpliftLearner.S:
                Score("s", new MatrixDataView(x, width, rows, start, count, armSlots: Arms.Count, fixedArm: 0), mu0);
                for (var k = 1; k < Arms.Count; k++)
                {
                    var effect = effects[k - 1].AsSpan(start, count);
                    Score("s", new MatrixDataView(x, width, rows, start, count, armSlots: Arms.Count, fixedArm: k), effect);
                    for (var i = 0; i < count; i++) effect[i] -= mu0[i];
                }
                break;
            case UpliftLearner.T:
                Score("arm0", view, mu0);
                for (var k = 1; k < Arms.Count; k++)
                {
                    var effect = effects[k - 1].AsSpan(start, count);
                    Score($"arm{k}", view, effect);
                    for (var i = 0; i < count; i++) effect[i] -= mu0[i];
                }
                break;
            case UpliftLearner.X:
                Score("arm0", view, mu0);
                var fromTreated = new float[count];
                for (var k = 1; k < Arms.Count; k++)
                {
                    // Künzel et al. (2019): tau = g tau0 + (1 - g) tau1 with g the propensity of treatment.
                    var effect = effects[k - 1].AsSpan(start, count);
                    var g = (float)_treatedShare[k];
                    Score($"tau0_{k}", view, effect);
                    Score($"tau1_{k}", view, fromTreated);
                    for (var i = 0; i < count; i++) effect[i] = g * effect[i] + (1 - g) * fromTreated[i];
                }
                break;
            case UpliftLearner.DR:
                Score("arm0", view, mu0);
                for (var k = 1; k < Arms.Count; k++) Score($"tau{k}", view, effects[k - 1].AsSpan(start, count));
                break;
            default:
                throw new InvalidOperationException($"Learner {Kind} has no tree parts.");
        }
    }

    private void PredictNeural(float[] x, int[] rows, float[] control, float[][] effects)
    {
        TorchRuntime.EnsureLoaded();
        var width = Encoding.Width;
        var subset = Gather(x, width, rows);
        var outcomes = _net!.Predict(subset, rows.Length);
        var arms = Arms.Count;
        for (var i = 0; i < rows.Length; i++)
        {
            control[i] = outcomes[i * arms];
            for (var k = 1; k < arms; k++) effects[k - 1][i] = outcomes[i * arms + k] - control[i];
        }
    }

    internal static float[] Gather(float[] x, int width, int[] rows)
    {
        var subset = new float[(long)rows.Length * width];
        for (var i = 0; i < rows.Length; i++) x.AsSpan(rows[i] * width, width).CopyTo(subset.AsSpan(i * width, width));
        return subset;
    }

    /// <summary>Writes a model file: manifest.json (learner, arms, encoding, format version) and the ML.NET models or the TARNet weights.</summary>
    public void Save(Stream stream)
    {
        var manifest = new Manifest(FormatName, FormatVersion, Learner, BinaryOutcome, Arms.ToArray(),
            Encoding.Numeric.Select((name, j) => new NumericFeature(name, Encoding.Means[j], Encoding.Stds[j])).ToArray(),
            Encoding.Categorical.Select((name, c) => new CategoricalFeature(name, Encoding.Levels[c])).ToArray(),
            _treatedShare, _parts.Keys.Order(StringComparer.Ordinal).ToArray(), new Dictionary<string, string>(Metadata));
        using var archive = ModelArchive.Create(stream, manifest);
        foreach (var (name, part) in _parts) archive.WriteMlNet(_ml, part, InputSchema(), PartEntry(name));
        if (_net is not null) archive.WriteBytes(NeuralEntry, _net.Save());
    }

    /// <summary>Reads a model written by <see cref="Save"/>; anything else gives an InvalidDataException naming the problem.</summary>
    public static UpliftModel Load(Stream stream)
    {
        var (archive, manifest) = ModelArchive.Open<Manifest>(stream, FormatName, FormatVersion, "an uplift model");
        using (archive)
        {
            var learner = Enum.TryParse<UpliftLearner>(manifest.Learner, out var l) && l != UpliftLearner.Auto ? l
                : throw new InvalidDataException($"Unknown learner '{manifest.Learner}' in manifest.json.");
            if (manifest.Arms is not { Length: >= 2 }) throw new InvalidDataException("manifest.json must name a control and at least one treatment arm.");
            if (manifest.Numeric is null || manifest.Categorical is null || manifest.Parts is null || manifest.TreatedShare?.Length != manifest.Arms.Length)
                throw new InvalidDataException("manifest.json lacks the feature encoding, the parts or the arm shares.");
            var encoding = new FeatureEncoding(manifest.Numeric.Select(f => f.Name).ToArray(), manifest.Numeric.Select(f => f.Mean).ToArray(),
                manifest.Numeric.Select(f => f.Std).ToArray(), manifest.Categorical.Select(f => f.Name).ToArray(),
                manifest.Categorical.Select(f => f.Levels ?? throw new InvalidDataException($"Categorical feature '{f.Name}' has no levels.")).ToArray());
            var ml = new MLContext(0);
            var parts = new Dictionary<string, ITransformer>(StringComparer.Ordinal);
            foreach (var name in manifest.Parts)
            {
                var part = archive.ReadMlNet(ml, PartEntry(name), out var schema);
                var expected = encoding.Width + (learner == UpliftLearner.S ? manifest.Arms.Length : 0);
                if (schema.GetColumnOrNull(MatrixDataView.Features)?.Type is not VectorDataViewType { Size: var size } || size != expected)
                    throw new InvalidDataException($"{PartEntry(name)} does not take the {expected} features manifest.json describes.");
                parts[name] = part;
            }
            TarNet? net = null;
            if (learner == UpliftLearner.Neural)
            {
                var weights = archive.ReadBytes(NeuralEntry);
                TorchRuntime.EnsureLoaded();
                try { net = TarNet.Load(weights); }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw new InvalidDataException($"{NeuralEntry} is not readable TARNet weights ({ex.Message}).");
                }
                if (net.Inputs != encoding.Width || net.Arms != manifest.Arms.Length)
                    throw new InvalidDataException($"{NeuralEntry} does not match the features and arms manifest.json describes.");
            }
            var required = RequiredParts(learner, manifest.Arms.Length);
            if (required.FirstOrDefault(p => !parts.ContainsKey(p)) is { } missing)
                throw new InvalidDataException($"manifest.json does not list the part '{missing}' a {learner} model needs.");
            var model = new UpliftModel(learner, manifest.Arms, manifest.BinaryOutcome, encoding, ml, parts, manifest.TreatedShare, net);
            foreach (var (key, value) in manifest.Metadata ?? []) model.Metadata[key] = value;
            return model;
        }
    }

    private static IEnumerable<string> RequiredParts(UpliftLearner learner, int arms) => learner switch
    {
        UpliftLearner.S => ["s"],
        UpliftLearner.T => Enumerable.Range(0, arms).Select(k => $"arm{k}"),
        UpliftLearner.X => Enumerable.Range(1, arms - 1).SelectMany(k => new[] { $"tau0_{k}", $"tau1_{k}" }).Prepend("arm0"),
        UpliftLearner.DR => Enumerable.Range(1, arms - 1).Select(k => $"tau{k}").Prepend("arm0"),
        _ => [],
    };

    private DataViewSchema InputSchema() =>
        new MatrixDataView([], Encoding.Width, [], 0, 0, armSlots: Kind == UpliftLearner.S ? Arms.Count : 0).Schema;

    private static string PartEntry(string name) => $"parts/{name}.zip";

    private sealed record Manifest(string Format, int Version, string Learner, bool BinaryOutcome, string[] Arms, NumericFeature[] Numeric,
        CategoricalFeature[] Categorical, double[] TreatedShare, string[] Parts, Dictionary<string, string>? Metadata) : IModelManifest;

    private sealed record NumericFeature(string Name, float Mean, float Std);

    private sealed record CategoricalFeature(string Name, string[] Levels);
}
