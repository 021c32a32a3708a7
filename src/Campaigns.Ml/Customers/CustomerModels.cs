using System.Runtime.InteropServices;
using Campaigns.Analytics.Customers;
using Campaigns.Ml.Customers.Affinity;
using Campaigns.Ml.Uplift;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Campaigns.Ml.Customers;

/// <summary>
/// Churn risk, purchase propensity and predicted value as LightGBM models on behaviour features plus the BG/NBD readings
/// (P(alive), expected orders, the baseline value), and personas. Each model learns on a time split inside the history
/// before the cut-off: features as of cut-off − horizon, labels from that horizon; the models then score features as of the
/// cut-off. Predicted value blends the boosted regression with the BG/NBD + Gamma-Gamma baseline at the weight a backtest
/// one value horizon before the cut-off chose (<see cref="ValueChoice"/>; weight 0 keeps no boosted model). Product affinity (<see cref="AffinityModel"/>) is
/// learned the same way when the orders name products; a model saved before it (format version 1) loads without it.
/// The trend columns (format version 3) follow the BG/NBD readings, so a model saved before them reads the columns it learned
/// on, and predicts value as it did.
/// </summary>
public sealed class CustomerModels
{
    private const string FormatName = "campaigns-customer-models";
    private const int FormatVersion = 3, OldestReadableVersion = 1;
    private const int MinValueCustomers = 200;
    private const string ChurnEntry = "churn.zip", PurchaseEntry = "purchase.zip", ValueEntry = "value.zip", AffinityEntry = "affinity.bin";

    private readonly Scorer _churn;
    private readonly Scorer _purchase;
    private readonly ValueRegressor? _value;
    private readonly bool _trend;

    private CustomerModels(CustomerModelOptions options, IReadOnlyList<string> categories, BgNbd bgNbd, GammaGamma gammaGamma, Scorer churn,
        Scorer purchase, ValueRegressor? value, ValueChoice choice, PersonaModel personas, AffinityModel? affinity, bool trend = true)
        => (Options, Categories, BgNbd, GammaGamma, _churn, _purchase, _value, ValueChoice, Personas, Affinity, _trend) =
            (options, categories, bgNbd, gammaGamma, churn, purchase, value, choice, personas, affinity, trend);

    public CustomerModelOptions Options { get; }
    /// <summary>The category share columns every model learned on: features to score are built with them (<see cref="FeaturesAsOf"/>).</summary>
    public IReadOnlyList<string> Categories { get; }
    /// <summary>Fitted on the history before the cut-off; used for expected orders, P(alive) and the value baseline.</summary>
    public BgNbd BgNbd { get; }
    public GammaGamma GammaGamma { get; }
    public ValueChoice ValueChoice { get; }
    public PersonaModel Personas { get; }
    /// <summary>Each customer's likely next products and categories; null when the orders name no product, or the model predates it.</summary>
    public AffinityModel? Affinity { get; }

    /// <summary>Every customer's features as of <paramref name="asOf"/>, with the columns these models learned on.</summary>
    public CustomerFeatures FeaturesAsOf(OrderHistory history, DateOnly asOf) => CustomerFeatures.AsOf(history, asOf, Categories);

    /// <summary>Trains every model on the orders before <paramref name="cutOff"/> only.</summary>
    public static CustomerModels Train(OrderHistory history, DateOnly cutOff, CustomerModelOptions? options = null, PersonaModel? previousPersonas = null)
    {
        options ??= new CustomerModelOptions();
        var now = CustomerFeatures.AsOf(history, cutOff);
        if (now.Count == 0) throw new ArgumentException($"No orders before the cut-off {cutOff:yyyy-MM-dd}.");
        // One set of category columns for the training splits and for scoring, or a model would read another category's share.
        var categories = now.CategoryNames;
        var (bgNbd, gammaGamma) = FitBaseline(now, options);

        Func<Scorer>[] jobs =
        [
            () => Classifier(history, cutOff, categories, options.ChurnDays, churn: true, options),
            () => Classifier(history, cutOff, categories, options.PurchaseDays, churn: false, options),
        ];
        var classifiers = Boosting.RunAll(jobs, null, CancellationToken.None);
        var (value, choice) = ValueModel(history, cutOff, categories, options);
        return new CustomerModels(options, categories, bgNbd, gammaGamma, classifiers[0], classifiers[1], value, choice,
            PersonaModel.Train(now, options.Personas, options.Seed, previousPersonas), AffinityModel.Train(history, cutOff, options));
    }

    /// <summary>
    /// Writes a model file: manifest.json (options, category columns, BG/NBD, Gamma-Gamma, value choice, personas, the affinity
    /// model's products, categories, popularity and choice), the LightGBM models and the affinity weights.
    /// </summary>
    public void Save(Stream stream)
    {
        var personas = new PersonaParts(Personas.Features.ToArray(), Personas.Mean.ToArray(), Personas.Scale.ToArray(), Personas.Personas.ToArray());
        var affinity = Affinity is { } a
            ? new AffinityParts(a.Products.ToArray(), a.Categories.ToArray(), a.ProductCategory.ToArray(), a.Popularity.ToArray(), a.Weights?.Dimensions, a.Choice)
            : null;
        var manifest = new Manifest(FormatName, FormatVersion, Options, Categories.ToArray(), BgNbd, GammaGamma, ValueChoice, personas, affinity);
        using var archive = ModelArchive.Create(stream, manifest);
        var ml = new MLContext(0);
        var schema = InputSchema(Categories.Count, _trend);
        archive.WriteMlNet(ml, _churn.Model, schema, ChurnEntry);
        archive.WriteMlNet(ml, _purchase.Model, schema, PurchaseEntry);
        if (_value is not null) archive.WriteMlNet(ml, _value.Scorer.Model, schema, ValueEntry);
        if (Affinity?.Weights is { } w)
            archive.WriteBytes(AffinityEntry, MemoryMarshal.AsBytes<float>([.. w.Input, .. w.Output, .. w.Bias, .. w.Repeat]));
    }

    /// <summary>Reads a model written by <see cref="Save"/>; anything else gives an InvalidDataException naming the problem.</summary>
    public static CustomerModels Load(Stream stream)
    {
        var (archive, m) = ModelArchive.Open<Manifest>(stream, FormatName, FormatVersion, "customer models", OldestReadableVersion);
        using (archive)
        {
            if (m.Options is null || m.Categories is null || m.BgNbd is null || m.GammaGamma is null || m.ValueChoice is null || m.Personas is null)
                throw new InvalidDataException("manifest.json lacks the options, the category columns, the BG/NBD and Gamma-Gamma parameters, the value choice or the personas.");
            PersonaModel personas;
            try { personas = PersonaModel.Restore(m.Personas.Features, m.Personas.Mean, m.Personas.Scale, m.Personas.Personas); }
            catch (ArgumentException ex) { throw new InvalidDataException($"manifest.json's personas are not valid: {ex.Message}"); }
            var ml = new MLContext(0);
            // Version 3 brought the trend columns and the value model on log orders.
            var current = m.Version >= 3;
            var width = Width(m.Categories.Length, current);
            Scorer Read(string entry)
            {
                var model = archive.ReadMlNet(ml, entry, out var schema);
                if (schema.GetColumnOrNull(MatrixDataView.Features)?.Type is not VectorDataViewType { Size: var size } || size != width)
                    throw new InvalidDataException($"{entry} does not take the {width} features manifest.json describes.");
                return new Scorer(model);
            }
            return new CustomerModels(m.Options, m.Categories, m.BgNbd, m.GammaGamma, Read(ChurnEntry), Read(PurchaseEntry),
                m.ValueChoice.Boosted ? new ValueRegressor(Read(ValueEntry), LogOrders: current) : null, m.ValueChoice, personas, m.Affinity is null ? null : ReadAffinity(archive, m.Affinity), current);
        }
    }

    /// <summary>Predictions for every customer of <paramref name="features"/> (features as of the cut-off the models were trained for).</summary>
    public CustomerPredictions Predict(CustomerFeatures features)
    {
        if (!features.CategoryNames.SequenceEqual(Categories))
            throw new ArgumentException("The features' category columns are not the ones the models learned on: build them with FeaturesAsOf.");
        var n = features.Count;
        var (x, width) = Matrix(features, BgNbd, GammaGamma, Options, _trend);
        var view = MatrixDataView.All(x, width, Identity(n));
        var readings = features.ColumnNames.Count;
        var (churn, purchase, value) = (new float[n], new float[n], new float[n]);
        _churn.Score(view, churn);
        _purchase.Score(view, purchase);
        var baseline = new float[n];
        var orders = new float[n];
        var alive = new float[n];
        for (var i = 0; i < n; i++)
        {
            alive[i] = x[i * width + readings];
            orders[i] = x[i * width + readings + 1];
            baseline[i] = x[i * width + BaselineColumn(features)];
        }
        _value?.Scorer.Score(view, value);
        var weight = _value is null ? 0 : ValueChoice.BoostedWeight;
        for (var i = 0; i < n; i++) value[i] = (float)(weight * (_value?.Value(value[i], features, i, GammaGamma) ?? 0) + (1 - weight) * baseline[i]);
        var persona = new int[n];
        Parallel.For(0, (n + 65_535) / 65_536, () => new double[Personas.Features.Count], (block, _, buffer) =>
        {
            for (var i = block * 65_536; i < Math.Min(n, (block + 1) * 65_536); i++) persona[i] = Personas.Assign(features, i, buffer);
            return buffer;
        }, _ => { });
        return new CustomerPredictions(churn, purchase, orders, value, baseline, alive, persona);
    }

    private static AffinityModel ReadAffinity(ModelArchive archive, AffinityParts parts)
    {
        if (parts.Products is null || parts.Categories is null || parts.ProductCategory is null || parts.Popularity is null || parts.Choice is null)
            throw new InvalidDataException("manifest.json's affinity lacks its products, categories, popularity or choice.");
        AffinityWeights? weights = null;
        if (parts.Dimensions is { } d)
        {
            var values = MemoryMarshal.Cast<byte, float>(archive.ReadBytes(AffinityEntry)).ToArray();
            var p = parts.Products.Length;
            if (values.Length != 2 * p * d + 2 * p) throw new InvalidDataException($"{AffinityEntry} does not hold the weights of {p} products of {d} dimensions.");
            weights = new AffinityWeights(p, d, values[..(p * d)], values[(p * d)..(2 * p * d)], values[(2 * p * d)..(2 * p * d + p)], values[(2 * p * d + p)..]);
        }
        try { return AffinityModel.Restore(parts.Products, parts.Categories, parts.ProductCategory, parts.Popularity, weights, parts.Choice); }
        catch (ArgumentException ex) { throw new InvalidDataException($"manifest.json's affinity is not valid: {ex.Message}"); }
    }

    internal static (BgNbd, GammaGamma) FitBaseline(CustomerFeatures f, CustomerModelOptions options)
    {
        var stride = Math.Max(1, (f.Count + options.MaxBaselineRows - 1) / options.MaxBaselineRows);
        var rows = Enumerable.Range(0, f.Count).Where(i => i % stride == 0).ToArray();
        double[] Pick(double[] column) => rows.Select(i => column[i]).ToArray();
        var bgNbd = BgNbd.Fit(Pick(f.RepeatDays), Pick(f.FirstToLast), Pick(f.Age));
        var gammaGamma = GammaGamma.Fit(Pick(f.Orders), Pick(f.AverageAmount));
        return (bgNbd, gammaGamma);
    }

    /// <summary>
    /// The behaviour features, then P(alive), BG/NBD expected orders and the baseline value over the value horizon, then
    /// (with <paramref name="trend"/>) the trend columns.
    /// </summary>
    internal static (float[] X, int Width) Matrix(CustomerFeatures f, BgNbd bgNbd, GammaGamma gammaGamma, CustomerModelOptions options, bool trend = true)
    {
        var readings = f.ColumnNames.Count;
        var width = Width(f.CategoryNames.Count, trend);
        var x = new float[f.Count * width];
        Parallel.For(0, (f.Count + 16_383) / 16_384, block =>
        {
            for (var i = block * 16_384; i < Math.Min(f.Count, (block + 1) * 16_384); i++)
            {
                var row = x.AsSpan(i * width, width);
                f.Row(i, row);
                var (repeat, span, age) = (f.RepeatDays[i], f.FirstToLast[i], f.Age[i]);
                var orders = bgNbd.ExpectedPurchases(options.ValueDays, repeat, span, age);
                row[readings] = (float)bgNbd.ProbabilityAlive(repeat, span, age);
                row[readings + 1] = (float)orders;
                row[readings + 2] = (float)(orders * OrderValue(gammaGamma, f, i));
                if (trend) f.Trend(i, row[(readings + 3)..]);
            }
        });
        return (x, width);
    }

    private static Scorer Classifier(OrderHistory history, DateOnly cutOff, IReadOnlyList<string> categories, int days, bool churn, CustomerModelOptions options)
    {
        var start = cutOff.AddDays(-days);
        var features = CustomerFeatures.AsOf(history, start, categories);
        if (features.Count < 20)
            throw new ArgumentException($"Too few customers ordered before {start:yyyy-MM-dd} ({features.Count}) to learn a {days}-day horizon before the cut-off {cutOff:yyyy-MM-dd}.");
        var outcomes = CustomerOutcomes.After(history, start, days);
        var (bgNbd, gammaGamma) = FitBaseline(features, options);
        var (x, width) = Matrix(features, bgNbd, gammaGamma, options);
        var labels = new float[features.Count];
        var positives = 0;
        for (var i = 0; i < features.Count; i++)
        {
            var ordered = outcomes.Ordered(features.Customer[i]);
            labels[i] = ordered != churn ? 1 : 0;
            positives += (int)labels[i];
        }
        if (positives == 0 || positives == features.Count)
            throw new ArgumentException($"All {features.Count} customers had the same outcome in the {days} days before the cut-off {cutOff:yyyy-MM-dd}: nothing to learn {(churn ? "churn" : "purchase propensity")} from.");
        var rows = Sample(features.Count, options.MaxTrainingRows);
        var model = Boosting.Fit(MatrixDataView.All(x, width, rows, labels, booleanLabel: true), BoosterSettings.Outcome(rows.Length), classifier: true, options.Seed);
        return new Scorer(model);
    }

    /// <summary>The boosted value model learned on the last value horizon before the cut-off, when the backtest gives it any weight.</summary>
    private static (ValueRegressor?, ValueChoice) ValueModel(OrderHistory history, DateOnly cutOff, IReadOnlyList<string> categories, CustomerModelOptions options)
    {
        var choice = ChooseValue(history, cutOff, categories, options);
        if (choice.BoostedWeight == 0) return (null, choice);
        var start = cutOff.AddDays(-options.ValueDays);
        return (ValueRegression(CustomerFeatures.AsOf(history, start, categories), CustomerOutcomes.After(history, start, options.ValueDays), 1, options), choice);
    }

    /// <summary>
    /// The boosted model's weight against BG/NBD + Gamma-Gamma, chosen on the latest backtest the history allows: judged
    /// as of one value horizon before the cut-off, on the spend up to it (the end of the history the models learn from), with
    /// the boosted candidate learned only on orders before that day. Its own training horizon ends there too: the whole value
    /// horizon when enough customers had ordered before it began, else a half or a quarter of it with the spend scaled up.
    /// Too short a history for that keeps BG/NBD + Gamma-Gamma, which needs no backtest to be fitted.
    /// </summary>
    internal static ValueChoice ChooseValue(OrderHistory history, DateOnly cutOff, IReadOnlyList<string> categories, CustomerModelOptions options)
    {
        var asOf = cutOff.AddDays(-options.ValueDays);
        var judged = CustomerFeatures.AsOf(history, asOf, categories);
        var days = new[] { options.ValueDays, options.ValueDays / 2, options.ValueDays / 4 }
            .FirstOrDefault(d => d > 0 && CustomerFeatures.AsOf(history, asOf.AddDays(-d), categories).Count >= MinValueCustomers);
        if (judged.Count < MinValueCustomers || days == 0)
            return new ValueChoice(false, null, null, judged.Count, $"BG/NBD + Gamma-Gamma: too few customers ordered a value horizon and a quarter before the cut-off to backtest the boosted model (at least {MinValueCustomers} needed)",
                0, asOf, []);
        var from = asOf.AddDays(-days);
        var candidate = ValueRegression(CustomerFeatures.AsOf(history, from, categories), CustomerOutcomes.After(history, from, days), (double)options.ValueDays / days, options);
        var (bgNbd, gammaGamma) = FitBaseline(judged, options);
        var (x, width) = Matrix(judged, bgNbd, gammaGamma, options);
        var predicted = new float[judged.Count];
        candidate.Scorer.Score(MatrixDataView.All(x, width, Identity(judged.Count)), predicted);
        var spend = CustomerOutcomes.After(history, asOf, options.ValueDays);
        var (actual, boosted, baseline) = (new double[judged.Count], new double[judged.Count], new double[judged.Count]);
        for (var i = 0; i < judged.Count; i++)
            (actual[i], boosted[i], baseline[i]) = (spend.Spend[judged.Customer[i]], candidate.Value(predicted[i], judged, i, gammaGamma), x[i * width + BaselineColumn(judged)]);
        var basis = days == options.ValueDays
            ? $"the boosted model learned on the {days} days before it"
            : $"the boosted model learned on the {days} days before it, spend scaled to {options.ValueDays} days";
        return ValueChoice.Choose(boosted, baseline, actual, asOf, basis);
    }

    /// <summary>
    /// LightGBM on the features as of the outcomes' first day and log(1 + orders × <paramref name="scale"/>) (orders scaled to
    /// the value horizon). On the log scale a few heavy buyers do not pull every tree toward them: learning spend itself
    /// ranked customers worse than BG/NBD. Its value is a typical rather than a mean outcome, which the blend with BG/NBD
    /// (<see cref="ValueChoice"/>) tempers; undoing the shrinkage with a scale ranked and erred worse on the demo store.
    /// </summary>
    private static ValueRegressor ValueRegression(CustomerFeatures features, CustomerOutcomes outcomes, double scale, CustomerModelOptions options)
    {
        var (bgNbd, gammaGamma) = FitBaseline(features, options);
        var (x, width) = Matrix(features, bgNbd, gammaGamma, options);
        var labels = new float[features.Count];
        for (var i = 0; i < features.Count; i++) labels[i] = (float)Math.Log(1 + outcomes.Orders[features.Customer[i]] * scale);
        var rows = Sample(features.Count, options.MaxTrainingRows);
        return new ValueRegressor(new Scorer(Boosting.Fit(MatrixDataView.All(x, width, rows, labels), BoosterSettings.Effect(rows.Length), classifier: false, options.Seed)), LogOrders: true);
    }

    private static int[] Sample(int count, int max)
    {
        var stride = Math.Max(1, (count + max - 1) / max);
        var rows = new int[(count + stride - 1) / stride];
        for (var k = 0; k < rows.Length; k++) rows[k] = k * stride;
        return rows;
    }

    private static int[] Identity(int n)
    {
        var rows = new int[n];
        for (var i = 0; i < n; i++) rows[i] = i;
        return rows;
    }

    /// <summary>A fitted LightGBM model with its compiled trees (ML.NET's scoring when they cannot be compiled).</summary>
    private sealed class Scorer(ITransformer model)
    {
        private readonly CompiledTrees? _compiled = CompiledTrees.TryCompile(model);

        public ITransformer Model => model;

        public void Score(MatrixDataView view, Span<float> output) => Boosting.Score(model, _compiled, view, output);
    }

    /// <summary>Gamma-Gamma's expected value of the customer's next order (a customer with no amount yet is priced at the prior).</summary>
    private static double OrderValue(GammaGamma gammaGamma, CustomerFeatures f, int i) => gammaGamma.ExpectedOrderValue(f.Orders[i], Math.Max(1e-9, f.AverageAmount[i]));

    /// <summary>The column of <see cref="Matrix"/> holding the BG/NBD + Gamma-Gamma value.</summary>
    private static int BaselineColumn(CustomerFeatures f) => f.ColumnNames.Count + 2;

    private static int Width(int categories, bool trend) => CustomerFeatures.BaseColumns + categories + 3 + (trend ? CustomerFeatures.TrendColumnNames.Count : 0);

    private static DataViewSchema InputSchema(int categories, bool trend) => new MatrixDataView([], Width(categories, trend), [], 0, 0).Schema;

    /// <summary>
    /// The boosted value model: with <paramref name="LogOrders"/>, log(1 + orders) priced at Gamma-Gamma's expected order value
    /// of the customer; without (a model saved before format version 3), the spend itself.
    /// </summary>
    private sealed record ValueRegressor(Scorer Scorer, bool LogOrders)
    {
        public double Value(float predicted, CustomerFeatures f, int i, GammaGamma gammaGamma) => LogOrders
            ? (Math.Exp(Math.Max(0, predicted)) - 1) * OrderValue(gammaGamma, f, i)
            : Math.Max(0, predicted);
    }

    private sealed record PersonaParts(string[] Features, double[] Mean, double[] Scale, Persona[] Personas);

    private sealed record AffinityParts(string[]? Products, string[]? Categories, int[]? ProductCategory, float[]? Popularity, int? Dimensions, AffinityChoice? Choice);

    private sealed record Manifest(string Format, int Version, CustomerModelOptions? Options, string[]? Categories, BgNbd? BgNbd, GammaGamma? GammaGamma,
        ValueChoice? ValueChoice, PersonaParts? Personas, AffinityParts? Affinity = null) : IModelManifest;
}
