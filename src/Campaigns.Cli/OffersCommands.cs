using System.Globalization;
using Campaigns.Analytics.Offers;
using Campaigns.Ml.Offers;
using Campaigns.Ml.Uplift;

namespace Campaigns.Cli;

/// <summary>`campaigns offers train|plan|evaluate`: which offer of OFFERS.json pays for each customer, from an experiment CSV of them.</summary>
internal static class OffersCommands
{
    private const string IdKey = "id-column";
    private const string TreatmentKey = "treatment-column";
    private const string OutcomeKey = "outcome-column";
    private const string RevenueKey = "revenue-column";

    public static int Train(CommandOptions options)
    {
        var path = Required(options, "data", "--data FILE.csv is required.");
        var id = Required(options, "id", "--id is required (the column identifying each customer).");
        var treatment = Required(options, "treatment", "--treatment is required (the column naming each row's offer).");
        var control = Required(options, "control", "--control is required (the treatment value of customers sent nothing).");
        var outcome = Required(options, "outcome", "--outcome is required (the 0/1 column: did the customer buy).");
        var revenue = Required(options, "revenue", "--revenue is required (the gross basket of each purchase, 0 when none).");
        var offersPath = Required(options, "offers", "--offers OFFERS.json is required.");
        var modelPath = Required(options, "model", "--model OUT.zip is required.");
        var learnerName = options.Value("learner") ?? "auto";
        var learner = Enum.TryParse<UpliftLearner>(learnerName, true, out var l) && l != UpliftLearner.S && Enum.IsDefined(l) && !learnerName.All(char.IsDigit) ? l
            : throw new ArgumentException($"--learner must be auto, t, x, dr or neural, not '{options.Value("learner")}'.");
        var offers = OffersFile.Load(offersPath);
        var exclude = options.Values("exclude").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Append(revenue).ToList();

        var data = UpliftCsv.Load(path, id, treatment, control, outcome, exclude).Data;
        offers.CheckArms(data.Arms, treatment, offersPath);
        var baskets = Baskets(path, revenue);
        Console.WriteLine($"{path}: {data.Count:N0} rows, arms {string.Join(", ", data.Arms.Select((a, k) => k == 0 ? a + " (no offer)" : a))}");
        Console.WriteLine($"  numeric features: {string.Join(", ", data.NumericFeatures)}");
        Console.WriteLine($"  categorical features: {(data.CategoricalFeatures.Count == 0 ? "none" : string.Join(", ", data.CategoricalFeatures))}");
        var progress = new Progress<(string Stage, double Fraction)>(p => Console.Error.WriteLine($"{p.Fraction * 100,3:0}% {p.Stage}"));
        var result = OfferTrainer.Train(data, baskets, new OfferTrainingOptions
        {
            Learner = learner, PurchaseValue = offers.ValueOfArms(data.Arms), Seed = options.Int("seed", 42),
            Threads = options.Value("threads") is null ? null : options.Int("threads", 1),
        }, progress);
        Console.WriteLine($"Cross-validated incremental profit per customer of each learner's plan ({result.EvaluationRows:N0} rows, {result.Candidates[0].FoldValues.Count} folds):");
        foreach (var c in result.Candidates)
            Console.WriteLine($"  {c.Learner + (c.Learner == result.Chosen ? " *" : ""),-10} {F(c.ProfitPerCustomer),10} ± {F(c.StandardError)} {c.TrainingTime.TotalSeconds,7:0.0}s");
        Console.WriteLine($"Chosen: {result.Chosen}");
        Print(result.Evaluation, data.Arms, "Out-of-fold evaluation");
        var model = result.Model;
        (model.Metadata[IdKey], model.Metadata[TreatmentKey], model.Metadata[OutcomeKey], model.Metadata[RevenueKey]) = (id, treatment, outcome, revenue);
        using (var file = File.Create(modelPath)) model.Save(file);
        Console.WriteLine($"Saved the {result.Chosen} offer model, refitted on {result.TrainingRows:N0} rows, to {modelPath}");
        return 0;
    }

    public static int Evaluate(CommandOptions options)
    {
        var model = LoadModel(Required(options, "model", "--model M.zip is required."));
        var path = Required(options, "data", "--data FILE.csv is required.");
        var offersPath = Required(options, "offers", "--offers OFFERS.json is required.");
        var offers = OffersFile.Load(offersPath);
        string Recorded(string key) => model.Metadata.TryGetValue(key, out var value) ? value
            : throw new ArgumentException($"The model does not record its {key}; was it trained by `campaigns offers train`?");
        var (treatmentColumn, outcomeColumn, revenueColumn) = (Recorded(TreatmentKey), Recorded(OutcomeKey), Recorded(RevenueKey));
        offers.CheckArms(model.Arms, treatmentColumn, offersPath);
        var header = UpliftCsv.Header(path);
        var (treatment, outcome, revenue) = (UpliftCsv.Column(header, treatmentColumn, path), UpliftCsv.Column(header, outcomeColumn, path),
            UpliftCsv.Column(header, revenueColumn, path));
        var reader = new FeatureReader(model.NumericFeatures.Select(f => UpliftCsv.Column(header, f, path)).ToArray(),
            model.CategoricalFeatures.Select(f => UpliftCsv.Column(header, f, path)).ToArray(), header);
        var armIndex = model.Arms.Select((a, k) => (a, k)).ToDictionary(p => p.a, p => p.k, StringComparer.Ordinal);
        var data = new UpliftDataset(model.NumericFeatures, model.CategoricalFeatures, model.Arms);
        var baskets = new List<float>();
        foreach (var (line, fields) in UpliftCsv.Records(path, header.Count))
        {
            var arm = fields[treatment].Trim();
            if (!armIndex.TryGetValue(arm, out var k))
                throw new ArgumentException($"Line {line}: '{arm}' in column '{treatmentColumn}' is not one of the model's arms ({string.Join(", ", model.Arms)}).");
            var bought = UpliftCsv.Number(fields[outcome], line, outcomeColumn);
            if (bought is not (0 or 1)) throw new ArgumentException($"Line {line}, column '{outcomeColumn}': '{fields[outcome]}' is not 0 or 1.");
            reader.Read(fields, line);
            data.Add(line.ToString(CultureInfo.InvariantCulture), reader.Numeric, reader.Categorical, k, (float)bought);
            baskets.Add((float)UpliftCsv.Number(fields[revenue], line, revenueColumn));
        }
        if (data.Count == 0) throw new ArgumentException($"'{path}' has no data rows.");
        var evaluation = model.Evaluate(data, baskets, offers.ValueOfArms(model.Arms));
        Console.WriteLine($"{path}: {data.Count:N0} rows, {model.Learner} offer model");
        Print(evaluation, model.Arms, "Evaluation");
        return 0;
    }

    /// <summary>
    /// Plans the offers for every row of FILE.csv (only the model's feature columns and the id are read) and writes
    /// customer_id,offer,expected_incremental_profit, customers with an offer first, most profitable first.
    /// </summary>
    public static int Plan(CommandOptions options)
    {
        var model = LoadModel(Required(options, "model", "--model M.zip is required."));
        var path = Required(options, "data", "--data FILE.csv is required.");
        var offersPath = Required(options, "offers", "--offers OFFERS.json is required.");
        var outPath = Required(options, "out", "--out PLAN.csv is required.");
        double? budget = options.Value("budget") is { } b
            ? double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0 && double.IsFinite(amount) ? amount
                : throw new ArgumentException($"--budget must be an amount above 0, not '{b}'.")
            : null;
        var offers = OffersFile.Load(offersPath);
        var idColumn = model.Metadata.TryGetValue(IdKey, out var recorded) ? recorded
            : throw new ArgumentException("The model does not record its id column; was it trained by `campaigns offers train`?");
        offers.CheckArms(model.Arms, model.Metadata.TryGetValue(TreatmentKey, out var treatment) ? treatment : "treatment", offersPath);
        var header = UpliftCsv.Header(path);
        var id = UpliftCsv.Column(header, idColumn, path);
        var reader = new FeatureReader(model.NumericFeatures.Select(f => UpliftCsv.Column(header, f, path)).ToArray(),
            model.CategoricalFeatures.Select(f => UpliftCsv.Column(header, f, path)).ToArray(), header);
        var data = new UpliftDataset(model.NumericFeatures, model.CategoricalFeatures, model.Arms);
        foreach (var (line, fields) in UpliftCsv.Records(path, header.Count))
        {
            reader.Read(fields, line);
            data.Add(fields[id].Trim(), reader.Numeric, reader.Categorical);
        }
        if (data.Count == 0) throw new ArgumentException($"'{path}' has no data rows.");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var predictions = model.Predict(data);
        var names = model.Arms.Skip(1).ToList();
        var priced = new OfferOption[data.Count * names.Count];
        for (var i = 0; i < data.Count; i++)
        {
            var without = Math.Max(0, predictions.Basket(i, 0));
            for (var k = 0; k < names.Count; k++)
            {
                var (terms, basket) = (offers.Offers[names[k]], Math.Max(0, predictions.Basket(i, k + 1)));
                priced[i * names.Count + k] = new OfferOption(Math.Clamp(predictions.Probability(i, k + 1), 0, 1), Math.Clamp(predictions.Probability(i, 0), 0, 1),
                    offers.Economics.PurchaseValue(terms, basket), offers.Economics.PurchaseValue(null, without), offers.Economics.CostOn(terms, basket));
            }
        }
        var plan = OfferPlanner.Plan(priced, names.Count, budget);
        var elapsed = clock.Elapsed;
        double Profit(int i) => plan.Choice[i] == OfferPlanner.None ? 0 : priced[i * names.Count + plan.Choice[i]].Profit;
        using (var writer = new StreamWriter(outPath))
        {
            writer.WriteLine("customer_id,offer,expected_incremental_profit");
            foreach (var i in Enumerable.Range(0, data.Count).OrderByDescending(i => plan.Choice[i] != OfferPlanner.None).ThenByDescending(Profit).ThenBy(i => i))
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Imports.Csv.CsvText.Cell(data.IdAt(i))},{(plan.Choice[i] == OfferPlanner.None ? "none" : names[plan.Choice[i]])},{Profit(i):0.####}"));
        }
        Console.WriteLine($"{path}: {data.Count:N0} customers planned in {elapsed.TotalSeconds:0.0} s{(budget is { } limit ? $" within a budget of {F(limit)}" : "")}: " +
            string.Join(", ", names.Select((n, k) => $"{n} {plan.CustomersPerOffer[k]:N0}")) + $", none {data.Count - plan.Value.Customers:N0}");
        Console.WriteLine($"Expected incremental profit {F(plan.Value.Profit)} [{F(plan.Value.Low)}, {F(plan.Value.High)}], expected spend {F(plan.Value.Spend)}; written to {outPath}");
        return 0;
    }

    internal static OfferModel LoadModel(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"No model at '{path}'.");
        using var file = File.OpenRead(path);
        return OfferModel.Load(file);
    }

    private static float[] Baskets(string path, string revenueColumn)
    {
        var header = UpliftCsv.Header(path);
        var column = UpliftCsv.Column(header, revenueColumn, path);
        return UpliftCsv.Records(path, header.Count).Select(r => (float)UpliftCsv.Number(r.Fields[column], r.Line, revenueColumn)).ToArray();
    }

    private static void Print(OfferEvaluation evaluation, IReadOnlyList<string> arms, string title)
    {
        Console.WriteLine($"{title} on {evaluation.Rows:N0} randomized rows, profit per customer (doubly robust and inverse propensity, 95% intervals):");
        Console.WriteLine($"  plan: {string.Join(", ", arms.Select((a, k) => $"{(k == 0 ? "none" : a)} {evaluation.PlanCustomers[k]:N0}"))}");
        void Line(string name, PolicyEstimate value) =>
            Console.WriteLine($"  {name,-24} DR {F(value.Dr.Value),9} [{F(value.Dr.Low)}, {F(value.Dr.High)}]   IPS {F(value.Ips.Value),9} [{F(value.Ips.Low)}, {F(value.Ips.High)}]");
        Line("plan", evaluation.Plan);
        Line("plan minus nothing", evaluation.PlanOverNothing);
        for (var k = 1; k < arms.Count; k++) Line($"{arms[k]} for everyone" + (k == evaluation.BestSingleOffer ? " (best)" : ""), evaluation.SingleArms[k]);
        Line("random offer", evaluation.RandomOffer);
        Line("nothing", evaluation.Nothing);
        Console.WriteLine("  cost curve (expected spend per customer → incremental profit per customer):");
        foreach (var point in evaluation.CostCurve)
            Console.WriteLine($"    {F(point.SpendPerCustomer),9} → {F(point.IncrementalProfit.Value),9} [{F(point.IncrementalProfit.Low)}, {F(point.IncrementalProfit.High)}]  {point.Customers:N0} customers");
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Required(CommandOptions options, string name, string message) => options.Value(name) ?? throw new ArgumentException(message);
}
