using System.Globalization;
using System.Text.Json;
using Campaigns.Analytics;
using Campaigns.Imports.Csv;

namespace Campaigns.Cli;

/// <summary>
/// `campaigns stats analyze`: one row per customer from a CSV, aggregated per arm in a single streaming pass,
/// analysed by the same engine and printed as the same verdicts the results page shows.
/// </summary>
internal static class StatsAnalyze
{
    public static int Run(CommandOptions options)
    {
        var path = options.Value("data") ?? throw new ArgumentException("--data FILE.csv is required.");
        if (!File.Exists(path)) throw new ArgumentException($"No file at '{path}'.");
        var armColumn = options.Value("arm-column") ?? throw new ArgumentException("--arm-column is required (the column naming each row's arm).");
        var control = options.Value("control") ?? throw new ArgumentException("--control is required (the arm value of the control group).");
        var metricColumns = options.Values("metric");
        if (metricColumns.Count == 0) throw new ArgumentException("Name at least one --metric column.");
        var preColumn = options.Value("pre-column");
        var engine = Enum.TryParse<AnalysisEngine>(options.Value("engine") ?? "frequentist", true, out var e) ? e
            : throw new ArgumentException($"--engine must be frequentist, bayesian or sequential, not '{options.Value("engine")}'.");
        var correction = Enum.TryParse<CorrectionMethod>((options.Value("correction") ?? "holm").Replace("-", ""), true, out var c) ? c
            : throw new ArgumentException($"--correction must be none, holm or benjamini-hochberg, not '{options.Value("correction")}'.");

        using var csv = CsvReader.Open(path);
        var header = csv.Read()?.Fields ?? throw new ArgumentException($"'{path}' is empty.");
        int Column(string name) => header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i
            : throw new ArgumentException($"Column '{name}' is not in the header of '{path}' (columns: {string.Join(", ", header)}).");
        var armIndex = Column(armColumn);
        var metricIndexes = metricColumns.Select(Column).ToArray();
        var preIndex = preColumn is null ? -1 : Column(preColumn);

        var arms = new Dictionary<string, (MetricAccumulator[] Metrics, long Units)>(StringComparer.Ordinal);
        var binary = metricColumns.Select(_ => true).ToArray();
        while (csv.Read() is { } record)
        {
            if (record.Problem is { } problem) throw new ArgumentException($"Row at line {record.Line}: {problem}");
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0) continue;
            if (record.Fields.Count != header.Count)
                throw new ArgumentException($"Row at line {record.Line} has {record.Fields.Count} fields; the header has {header.Count}.");
            var arm = record.Fields[armIndex].Trim();
            if (!arms.TryGetValue(arm, out var acc)) acc = (metricColumns.Select(_ => new MetricAccumulator()).ToArray(), 0);
            var pre = preIndex < 0 ? 0 : Number(record.Fields[preIndex], record.Line, preColumn!);
            for (var m = 0; m < metricIndexes.Length; m++)
            {
                var value = Number(record.Fields[metricIndexes[m]], record.Line, metricColumns[m]);
                binary[m] &= value is 0 or 1;
                if (preIndex < 0) acc.Metrics[m].Add(value);
                else acc.Metrics[m].Add(value, pre);
            }
            arms[arm] = (acc.Metrics, acc.Units + 1);
        }
        if (!arms.ContainsKey(control))
            throw new ArgumentException($"No row has '{control}' in column '{armColumn}' (values: {string.Join(", ", arms.Keys.Order())}).");
        if (arms.Count < 2)
            throw new ArgumentException($"Only one arm ('{control}') is in column '{armColumn}'; an experiment needs a control and at least one treatment.");

        var definitions = metricColumns.Select((name, m) => new MetricDefinition(name, binary[m] ? MetricKind.Proportion : MetricKind.Mean)).ToList();
        // Without a stated plan, the sample-ratio check tests for an equal split.
        var inputs = arms.OrderBy(a => a.Key != control).ThenBy(a => a.Key, StringComparer.Ordinal).Select(a => new ArmInput(a.Key, a.Key == control, 1.0 / arms.Count, a.Value.Units,
            metricColumns.Select((name, m) => (name, a.Value.Metrics[m].ToSummary())).ToDictionary(x => x.name, x => x.Item2))).ToList();
        var report = ExperimentAnalyzer.Analyze(definitions, inputs, new AnalysisOptions { Engine = engine, Correction = correction, UseCuped = preIndex >= 0 });

        if (options.Flag("json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(new { arms = inputs.Select(i => new { i.Name, i.IsControl, i.Exposed }), report },
                new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true }));
            return 0;
        }
        Console.WriteLine($"{path}: {inputs.Sum(i => i.Exposed):N0} customers in {inputs.Count} arms ({engine}, {correction} correction{(preIndex >= 0 ? ", CUPED on " + preColumn : "")})");
        foreach (var arm in inputs)
            Console.WriteLine($"  {arm.Name}{(arm.IsControl ? " (control)" : "")}: {arm.Exposed:N0}  " +
                              string.Join("  ", metricColumns.Select(m => $"{m} {Mean(arm.Metrics[m]).ToString("0.######", CultureInfo.InvariantCulture)}")));
        var srm = report.SampleRatio;
        Console.WriteLine(srm.IsMismatch
            ? $"Sample ratio mismatch: chi-square {srm.ChiSquare:0.00}, p = {srm.PValue:0.######} against an equal split."
            : $"Sample ratio OK against an equal split (p = {srm.PValue:0.####}).");
        foreach (var comparison in report.Comparisons) Console.WriteLine("  " + comparison.Verdict);
        return 0;
    }

    private static double Mean(MetricSummary s) => s.N == 0 ? 0 : s.Sum / s.N;

    private static double Number(string text, int line, string column) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new ArgumentException($"Line {line}, column '{column}': '{text}' is not a number.");
}
