using System.Globalization;
using Campaigns.Imports.Csv;
using Campaigns.Ml.Uplift;

namespace Campaigns.Cli;

/// <summary>
/// Reads an experiment CSV (one row per customer) into an <see cref="UpliftDataset"/> in two streaming passes: the first
/// finds the arms, whether each feature column is numeric (every non-empty value parses with the invariant culture) and
/// whether the outcome is 0/1; the second loads the rows.
/// </summary>
internal sealed record UpliftCsv(UpliftDataset Data, bool BinaryOutcome)
{
    /// <param name="idColumn">Null: rows are named by their line number.</param>
    /// <param name="onlyArms">Null: every treatment value; else rows of other values are skipped.</param>
    public static UpliftCsv Load(string path, string? idColumn, string treatmentColumn, string control, string outcomeColumn,
        IReadOnlyCollection<string> exclude, IReadOnlyCollection<string>? onlyArms = null)
    {
        var header = Header(path);
        var (id, treatment, outcome) = (idColumn is null ? -1 : Column(header, idColumn, path), Column(header, treatmentColumn, path), Column(header, outcomeColumn, path));
        foreach (var name in exclude) Column(header, name, path);
        var features = Enumerable.Range(0, header.Count)
            .Where(c => c != id && c != treatment && c != outcome && !exclude.Contains(header[c].Trim(), StringComparer.OrdinalIgnoreCase)).ToArray();
        if (features.Length == 0) throw new ArgumentException($"'{path}' has no feature columns besides the id, treatment and outcome.");

        var numeric = features.ToDictionary(c => c, _ => true);
        var armValues = new HashSet<string>(StringComparer.Ordinal);
        var binary = true;
        var rows = 0;
        foreach (var (line, fields) in Records(path, header.Count))
        {
            var arm = fields[treatment].Trim();
            if (arm.Length == 0) throw new ArgumentException($"Line {line}: column '{treatmentColumn}' is empty.");
            if (onlyArms is not null && !onlyArms.Contains(arm)) continue;
            armValues.Add(arm);
            var y = Number(fields[outcome], line, outcomeColumn);
            binary &= y is 0 or 1;
            foreach (var c in features)
                if (numeric[c] && fields[c].Trim() is { Length: > 0 } text && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    numeric[c] = false;
            rows++;
        }
        if (rows == 0) throw new ArgumentException($"'{path}' has no data rows.");
        if (!armValues.Contains(control))
            throw new ArgumentException($"No row has '{control}' in column '{treatmentColumn}' (values: {string.Join(", ", armValues.Order(StringComparer.Ordinal))}).");
        if (armValues.Count < 2)
            throw new ArgumentException($"Only one arm ('{control}') is in column '{treatmentColumn}'; uplift needs a control and at least one treatment.");

        var arms = armValues.Where(a => a != control).Order(StringComparer.Ordinal).Prepend(control).ToList();
        var armIndex = arms.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i, StringComparer.Ordinal);
        var numericColumns = features.Where(c => numeric[c]).ToArray();
        var categoricalColumns = features.Where(c => !numeric[c]).ToArray();
        var data = new UpliftDataset(numericColumns.Select(c => header[c].Trim()).ToList(), categoricalColumns.Select(c => header[c].Trim()).ToList(), arms);
        var reader = new FeatureReader(numericColumns, categoricalColumns, header);
        foreach (var (line, fields) in Records(path, header.Count))
        {
            if (!armIndex.TryGetValue(fields[treatment].Trim(), out var arm)) continue;
            reader.Read(fields, line);
            data.Add(id < 0 ? line.ToString(CultureInfo.InvariantCulture) : fields[id], reader.Numeric, reader.Categorical, arm, (float)Number(fields[outcome], line, outcomeColumn));
        }
        return new UpliftCsv(data, binary);
    }

    /// <summary>The header of a CSV file; ArgumentException when the file is missing or empty.</summary>
    public static List<string> Header(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"No file at '{path}'.");
        using var csv = CsvReader.Open(path);
        var header = csv.Read()?.Fields;
        if (header is null || header.All(h => h.Trim().Length == 0)) throw new ArgumentException($"'{path}' is empty.");
        return header;
    }

    /// <summary>Data records after the header, each checked to have the header's number of fields; blank lines are skipped.</summary>
    public static IEnumerable<(int Line, List<string> Fields)> Records(string path, int fields)
    {
        using var csv = CsvReader.Open(path);
        csv.Read();
        while (csv.Read() is { } record)
        {
            if (record.Problem is { } problem) throw new ArgumentException($"Row at line {record.Line}: {problem}");
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0) continue;
            if (record.Fields.Count != fields)
                throw new ArgumentException($"Row at line {record.Line} has {record.Fields.Count} fields; the header has {fields}.");
            yield return (record.Line, record.Fields);
        }
    }

    public static int Column(List<string> header, string name, string path) =>
        header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i
            : throw new ArgumentException($"Column '{name}' is not in the header of '{path}' (columns: {string.Join(", ", header)}).");

    public static double Number(string text, int line, string column) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new ArgumentException($"Line {line}, column '{column}': '{text}' is not a number.");
}
