using System.Globalization;
using Campaigns.Analytics.Offers;
using Campaigns.Ml.Uplift;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Campaigns.Ml.Offers;

/// <summary>
/// Which offer pays for each customer: a multi-arm conversion model (an uplift model on bought 0/1, arm 0 = no offer)
/// and a basket model (expected gross basket given a purchase, one LightGBM regression on the buyers of every arm with
/// the arm as one-hot slots: buyers are a small share of the rows, so one pooled model learns how features set the
/// basket from all of them, and the slots let an offer shift it). Immutable after training; Predict is thread-safe.
/// </summary>
public sealed class OfferModel
{
    private const string FormatName = "campaigns-offers";
    private const int FormatVersion = 1;
    private const string ConversionEntry = "conversion.zip";
    private const string BasketEntry = "basket.zip";
    private const int RowsPerScoringChunk = 25_000;

    private readonly UpliftModel _conversion;
    private readonly ITransformer _basket;
    private readonly CompiledTrees? _compiledBasket;
    private readonly MLContext _ml;
    private readonly float[] _medians;

    internal OfferModel(UpliftModel conversion, ITransformer basket, MLContext ml, float[] medians)
    {
        (_conversion, _basket, _ml, _medians) = (conversion, basket, ml, medians);
        _compiledBasket = CompiledTrees.TryCompile(basket);
    }

    public string Learner => _conversion.Learner;
    public IReadOnlyList<string> Arms => _conversion.Arms;
    public IReadOnlyList<string> NumericFeatures => _conversion.NumericFeatures;
    public IReadOnlyList<string> CategoricalFeatures => _conversion.CategoricalFeatures;

    /// <summary>Free-form text saved with the model (the CLI keeps the names of its columns here).</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    private FeatureEncoding Encoding => _conversion.Encoding;

    /// <summary>Batch predictions for every row, matched to the training features by name (extra columns are ignored).</summary>
    public OfferPredictions Predict(UpliftDataset rows)
    {
        var all = Enumerable.Range(0, rows.Count).ToArray();
        var x = Encoding.Encode(rows, standardize: false);
        var conversion = _conversion.PredictEncoded(_conversion.Kind == UpliftLearner.Neural ? Encoding.Encode(rows, standardize: true) : x, all);
        return Combine(conversion, Baskets(_basket, _compiledBasket, x, Encoding.Width, Arms.Count, all));
    }

    /// <summary>A basket model's predictions (at least 0), rows × arms, for the given rows of an encoded (not standardized) matrix.</summary>
    internal static float[] Baskets(ITransformer model, CompiledTrees? compiled, float[] x, int width, int arms, int[] rows)
    {
        var basket = new float[rows.Length * arms];
        var chunks = Math.Clamp(rows.Length / RowsPerScoringChunk, 1, Environment.ProcessorCount * 4);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            var start = (int)((long)rows.Length * c / chunks);
            var count = (int)((long)rows.Length * (c + 1) / chunks) - start;
            var output = new float[count];
            for (var k = 0; k < arms; k++)
            {
                Boosting.Score(model, compiled, new MatrixDataView(x, width, rows, start, count, armSlots: arms, fixedArm: k), output);
                for (var i = 0; i < count; i++) basket[(start + i) * arms + k] = Math.Max(0, output[i]);
            }
        });
        return basket;
    }

    /// <summary>P(buy) per arm from the uplift model's control outcome and effects, kept within 0..1.</summary>
    internal static OfferPredictions Combine(UpliftPredictions conversion, float[] basket)
    {
        var arms = conversion.TreatmentArms + 1;
        var probability = new float[conversion.Count * arms];
        for (var i = 0; i < conversion.Count; i++)
        {
            var p0 = conversion.ControlOutcome(i);
            probability[i * arms] = Math.Clamp(p0, 0, 1);
            for (var k = 1; k < arms; k++) probability[i * arms + k] = Math.Clamp(p0 + conversion.Effect(i, k), 0, 1);
        }
        return new OfferPredictions(arms, probability, basket);
    }

    /// <summary>
    /// Policy values of the plan, each single offer, a random offer and nothing on randomized labelled rows (outcome =
    /// bought 0/1) not used in training; propensities are the arms' shares of the rows.
    /// </summary>
    /// <param name="baskets">Gross basket of each row's purchase, 0 when none.</param>
    public OfferEvaluation Evaluate(UpliftDataset labelled, IReadOnlyList<float> baskets, Func<int, int, double, double> purchaseValue)
    {
        if (baskets.Count != labelled.Count) throw new ArgumentException($"There are {baskets.Count:N0} baskets for {labelled.Count:N0} rows; give one per row (0 when none).");
        if (labelled.Count == 0) throw new ArgumentException("There are no rows to evaluate on.");
        var arms = labelled.ArmColumn.ToArray();
        return OfferEvaluator.Evaluate(arms, labelled.OutcomeColumn.ToArray(), baskets.ToArray(), Enumerable.Range(0, labelled.Count).ToArray(),
            Predict(labelled), purchaseValue, LoggedOffers.Shares(arms, Arms.Count));
    }

    /// <summary>
    /// For each offer (arm 1..K-1), the customer's expected incremental profit and the features that move it most: the
    /// profit with the customer's value minus the profit with the feature at its reference (training median, or most
    /// common level), largest change first.
    /// </summary>
    /// <param name="purchaseValue">As in training; it is called with <paramref name="row"/> for every probe.</param>
    public IReadOnlyList<OfferExplanation> Explain(UpliftDataset rows, int row, Func<int, int, double, double> purchaseValue, int top = 5)
    {
        if ((uint)row >= (uint)rows.Count) throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is not in 0..{rows.Count - 1}.");
        var numericColumns = NumericFeatures.Select(f => IndexOf(rows.NumericFeatures, f)).ToArray();
        var categoricalColumns = CategoricalFeatures.Select(f => IndexOf(rows.CategoricalFeatures, f)).ToArray();
        var numeric = numericColumns.Select(j => rows.NumericAt(row, j)).ToArray();
        var categorical = categoricalColumns.Select(c => rows.CategoricalAt(row, c)).ToArray();
        var probes = new UpliftDataset(NumericFeatures, CategoricalFeatures, Arms);
        probes.Add("customer", numeric, categorical);
        // One probe per feature: the customer with that feature set to its reference.
        var features = new List<(string Name, string Value, string Reference)>();
        for (var j = 0; j < numeric.Length; j++)
        {
            var probe = numeric.ToArray();
            probe[j] = _medians[j];
            probes.Add(NumericFeatures[j], probe, categorical);
            features.Add((NumericFeatures[j], Text(numeric[j]), Text(_medians[j])));
        }
        for (var c = 0; c < categorical.Length; c++)
        {
            var reference = Encoding.Levels[c].FirstOrDefault();
            var probe = categorical.ToArray();
            probe[c] = reference;
            probes.Add(CategoricalFeatures[c], numeric, probe);
            features.Add((CategoricalFeatures[c], categorical[c] ?? "(missing)", reference ?? "(missing)"));
        }
        var predictions = Predict(probes);
        double Profit(int probe, int arm) => predictions.IncrementalProfit(probe, arm, (_, k, b) => purchaseValue(row, k, b));
        return Enumerable.Range(1, Arms.Count - 1).Select(k =>
        {
            var profit = Profit(0, k);
            var drivers = features.Select((f, i) => new OfferDriver(f.Name, f.Value, f.Reference, profit - Profit(i + 1, k)))
                .Where(d => d.Change != 0).OrderByDescending(d => Math.Abs(d.Change)).Take(top).ToList();
            return new OfferExplanation(k, Arms[k], profit, drivers);
        }).ToList();
    }

    private static string Text(float value) => float.IsNaN(value) ? "(missing)" : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        throw new ArgumentException($"The rows have no feature '{name}', which the model was trained on.");
    }

    /// <summary>Writes a model file: manifest.json (format, version, learner, arms, feature medians), the uplift model and the basket model.</summary>
    public void Save(Stream stream)
    {
        var manifest = new Manifest(FormatName, FormatVersion, Learner, Arms.ToArray(), _medians, new Dictionary<string, string>(Metadata));
        using var archive = ModelArchive.Create(stream, manifest);
        using (var conversion = new MemoryStream())
        {
            _conversion.Save(conversion);
            archive.WriteBytes(ConversionEntry, conversion.ToArray(), compress: false);
        }
        archive.WriteMlNet(_ml, _basket, BasketSchema(Encoding.Width, Arms.Count), BasketEntry);
    }

    /// <summary>Reads a model written by <see cref="Save"/>; anything else gives an InvalidDataException naming the problem.</summary>
    public static OfferModel Load(Stream stream)
    {
        var (archive, manifest) = ModelArchive.Open<Manifest>(stream, FormatName, FormatVersion, "an offer model");
        using (archive)
        {
            UpliftModel conversion;
            using (var bytes = new MemoryStream(archive.ReadBytes(ConversionEntry))) conversion = UpliftModel.Load(bytes);
            if (manifest.Arms is null || !manifest.Arms.SequenceEqual(conversion.Arms))
                throw new InvalidDataException("manifest.json names other arms than the conversion model.");
            if (manifest.Medians?.Length != conversion.NumericFeatures.Count)
                throw new InvalidDataException("manifest.json lacks a median for every numeric feature.");
            var ml = new MLContext(0);
            var basket = archive.ReadMlNet(ml, BasketEntry, out var schema);
            var width = conversion.Encoding.Width + manifest.Arms.Length;
            if (schema.GetColumnOrNull(MatrixDataView.Features)?.Type is not VectorDataViewType { Size: var size } || size != width)
                throw new InvalidDataException($"{BasketEntry} does not take the {width} features the conversion model describes.");
            var model = new OfferModel(conversion, basket, ml, manifest.Medians);
            foreach (var (key, value) in manifest.Metadata ?? []) model.Metadata[key] = value;
            return model;
        }
    }

    internal static DataViewSchema BasketSchema(int width, int arms) => new MatrixDataView([], width, [], 0, 0, armSlots: arms).Schema;

    private sealed record Manifest(string Format, int Version, string Learner, string[] Arms, float[] Medians, Dictionary<string, string>? Metadata) : IModelManifest;
}
