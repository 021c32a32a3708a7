using System.Globalization;
using System.Text;
using Campaigns.Imports.Csv;
using Campaigns.Ml.Uplift;

namespace Campaigns.Cli;

/// <summary>`campaigns uplift train|score|evaluate`: uplift models from experiment CSVs (one row per customer).</summary>
internal static class UpliftCommands
{
    private const string IdKey = "id-column";
    private const string TreatmentKey = "treatment-column";
    private const string OutcomeKey = "outcome-column";
    private const int ScoringBatch = 200_000;

    public static int Train(CommandOptions options)
    {
        var path = Required(options, "data", "--data FILE.csv is required.");
        var id = Required(options, "id", "--id is required (the column identifying each customer).");
        var treatment = Required(options, "treatment", "--treatment is required (the column naming each row's arm).");
        var control = Required(options, "control", "--control is required (the treatment value of the control group).");
        var outcome = Required(options, "outcome", "--outcome is required (the column to raise, 0/1 or an amount).");
        var modelPath = Required(options, "model", "--model OUT.zip is required.");
        var learner = Enum.TryParse<UpliftLearner>(options.Value("learner") ?? "auto", true, out var l) && Enum.IsDefined(l) ? l
            : throw new ArgumentException($"--learner must be auto, s, t, x, dr or neural, not '{options.Value("learner")}'.");
        var exclude = options.Values("exclude").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

        var csv = UpliftCsv.Load(path, id, treatment, control, outcome, exclude);
        var data = csv.Data;
        Console.WriteLine($"{path}: {data.Count:N0} rows, arms {string.Join(", ", data.Arms.Select((a, k) => k == 0 ? a + " (control)" : a))}, " +
                          $"{(csv.BinaryOutcome ? "0/1" : "amount")} outcome '{outcome}'");
        Console.WriteLine($"  numeric features: {string.Join(", ", data.NumericFeatures)}");
        Console.WriteLine($"  categorical features: {(data.CategoricalFeatures.Count == 0 ? "none" : string.Join(", ", data.CategoricalFeatures))}");
        var progress = new Progress<(string Stage, double Fraction)>(p => Console.Error.WriteLine($"{p.Fraction * 100,3:0}% {p.Stage}"));
        var result = UpliftTrainer.Train(data, new UpliftTrainingOptions
        {
            Learner = learner, BinaryOutcome = csv.BinaryOutcome, Seed = options.Int("seed", 42),
            Threads = options.Value("threads") is null ? null : options.Int("threads", 1),
        }, progress);
        UpliftReport.PrintCandidates(result);
        var model = result.Model;
        model.Metadata[IdKey] = id;
        model.Metadata[TreatmentKey] = treatment;
        model.Metadata[OutcomeKey] = outcome;
        using (var file = File.Create(modelPath)) model.Save(file);
        Console.WriteLine($"Saved the {result.Chosen} model, refitted on {result.TrainingRows:N0} rows, to {modelPath}");
        return 0;
    }

    public static int Score(CommandOptions options)
    {
        var model = LoadModel(Required(options, "model", "--model M.zip is required."));
        var path = Required(options, "data", "--data FILE.csv is required.");
        var outPath = Required(options, "out", "--out SCORES.csv is required.");
        var idColumn = options.Value("id") ?? Stored(model, IdKey) ?? throw new ArgumentException("The model names no id column; pass --id.");
        var header = UpliftCsv.Header(path);
        var id = UpliftCsv.Column(header, idColumn, path);
        var reader = ReaderFor(model, header, path);

        using var output = new StreamWriter(outPath, false, new UTF8Encoding(false));
        output.WriteLine(model.Arms.Count == 2 ? "customer_id,uplift" : "customer_id," + string.Join(",", model.Arms.Skip(1).Select(a => CsvText.Cell("uplift_" + a))));
        var rows = 0;
        var batch = NewBatch(model);
        void Flush()
        {
            var predictions = model.Predict(batch);
            var line = new StringBuilder();
            for (var i = 0; i < batch.Count; i++)
            {
                line.Clear().Append(CsvText.Cell(batch.IdAt(i)));
                for (var k = 1; k < model.Arms.Count; k++) line.Append(',').Append(predictions.Effect(i, k).ToString("R", CultureInfo.InvariantCulture));
                output.WriteLine(line);
            }
            rows += batch.Count;
            batch = NewBatch(model);
        }
        foreach (var (line, fields) in UpliftCsv.Records(path, header.Count))
        {
            reader.Read(fields, line);
            batch.Add(fields[id], reader.Numeric, reader.Categorical);
            if (batch.Count == ScoringBatch) Flush();
        }
        if (batch.Count > 0) Flush();
        if (rows == 0) throw new ArgumentException($"'{path}' has no data rows.");
        Console.WriteLine($"Scored {rows:N0} rows with the {model.Learner} model into {outPath}");
        return 0;
    }

    public static int Evaluate(CommandOptions options)
    {
        var model = LoadModel(Required(options, "model", "--model M.zip is required."));
        var path = Required(options, "data", "--data FILE.csv is required.");
        string Recorded(string key) => Stored(model, key) ?? throw new ArgumentException($"The model does not record its {key}; was it trained by `campaigns uplift train`?");
        var (treatmentColumn, outcomeColumn) = (Recorded(TreatmentKey), Recorded(OutcomeKey));
        var header = UpliftCsv.Header(path);
        var (treatment, outcome) = (UpliftCsv.Column(header, treatmentColumn, path), UpliftCsv.Column(header, outcomeColumn, path));
        var reader = ReaderFor(model, header, path);
        var armIndex = model.Arms.Select((a, k) => (a, k)).ToDictionary(p => p.a, p => p.k, StringComparer.Ordinal);
        var data = NewBatch(model);
        foreach (var (line, fields) in UpliftCsv.Records(path, header.Count))
        {
            var arm = fields[treatment].Trim();
            if (!armIndex.TryGetValue(arm, out var k))
                throw new ArgumentException($"Line {line}: '{arm}' in column '{treatmentColumn}' is not one of the model's arms ({string.Join(", ", model.Arms)}).");
            reader.Read(fields, line);
            data.Add(line.ToString(CultureInfo.InvariantCulture), reader.Numeric, reader.Categorical, k, (float)UpliftCsv.Number(fields[outcome], line, outcomeColumn));
        }
        if (data.Count == 0) throw new ArgumentException($"'{path}' has no data rows.");
        var predictions = model.Predict(data);
        Console.WriteLine($"{path}: {data.Count:N0} rows, {model.Learner} model, outcome '{outcomeColumn}'");
        for (var k = 1; k < model.Arms.Count; k++)
        {
            var e = predictions.Evaluate(data, k);
            Console.WriteLine($"  {model.Arms[k]} vs {model.Arms[0]}: Qini coefficient {UpliftReport.F(e.QiniCoefficient)}, AUUC {UpliftReport.F(e.Auuc)}, " +
                              $"uplift@10% {UpliftReport.F(e.UpliftAtK[10])}, uplift@20% {UpliftReport.F(e.UpliftAtK[20])}, uplift@30% {UpliftReport.F(e.UpliftAtK[30])}");
        }
        return 0;
    }

    internal static UpliftModel LoadModel(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"No model at '{path}'.");
        using var file = File.OpenRead(path);
        return UpliftModel.Load(file);
    }

    private static string? Stored(UpliftModel model, string key) => model.Metadata.TryGetValue(key, out var value) ? value : null;

    private static FeatureReader ReaderFor(UpliftModel model, List<string> header, string path) => new(
        model.NumericFeatures.Select(f => UpliftCsv.Column(header, f, path)).ToArray(),
        model.CategoricalFeatures.Select(f => UpliftCsv.Column(header, f, path)).ToArray(), header);

    private static UpliftDataset NewBatch(UpliftModel model) => new(model.NumericFeatures, model.CategoricalFeatures, model.Arms);

    private static string Required(CommandOptions options, string name, string message) => options.Value(name) ?? throw new ArgumentException(message);
}
