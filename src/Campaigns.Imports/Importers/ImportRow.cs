using System.Globalization;

namespace Campaigns.Imports.Importers;

/// <summary>
/// One data row with typed readers for its mapped fields. A value that does not parse is recorded as a problem
/// naming the row and the file's column, and the reader returns null so the row can still be checked in full.
/// </summary>
internal sealed class ImportRow(long number, int line, List<string> fields, IReadOnlyList<string> header,
    IReadOnlyDictionary<string, int> columns, CultureInfo culture)
{
    private static readonly string[] TrueWords = ["1", "true", "yes", "y", "t", "x"];
    private static readonly string[] FalseWords = ["0", "false", "no", "n", "f", ""];

    public long Number => number;
    public int Line => line;
    public List<string> Fields => fields;
    public List<RowProblem> Problems { get; } = [];

    public bool Has(string field) => columns.ContainsKey(field);

    public string ColumnOf(string field) => header[columns[field]];

    public void Problem(string? field, string message) =>
        Problems.Add(new RowProblem(number, line, field is null ? null : columns.ContainsKey(field) ? ColumnOf(field) : field, message));

    /// <summary>The trimmed value, or null when the field is not mapped or the cell is empty.</summary>
    public string? Text(string field, int maxLength = 400)
    {
        if (!columns.TryGetValue(field, out var i)) return null;
        var value = fields[i].Trim();
        if (value.Length > maxLength)
        {
            Problem(field, $"the value is {value.Length} characters long; at most {maxLength} fit.");
            return null;
        }
        return value.Length == 0 ? null : value;
    }

    public string? Required(string field, int maxLength = 400)
    {
        var value = Text(field, maxLength);
        if (value is null && Problems.All(p => p.Column != ColumnOf(field))) Problem(field, $"{field.Replace('_', ' ')} is empty.");
        return value;
    }

    /// <summary>A number that must not be negative.</summary>
    public decimal? Amount(string field, string what)
    {
        if (Text(field) is not { } text) return null;
        if (!decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, culture, out var value))
        {
            Problem(field, $"'{Excerpt.Of(text)}' is not a number{CultureHint()}.");
            return null;
        }
        if (value < 0)
        {
            Problem(field, $"{what} {Excerpt.Of(text)} is negative.");
            return null;
        }
        return value;
    }

    public int? Quantity(string field)
    {
        if (Text(field) is not { } text) return null;
        if (!int.TryParse(text, NumberStyles.Integer, culture, out var value))
        {
            Problem(field, $"'{Excerpt.Of(text)}' is not a whole number.");
            return null;
        }
        if (value <= 0)
        {
            Problem(field, value < 0 ? $"quantity {Excerpt.Of(text)} is negative." : "quantity is 0.");
            return null;
        }
        return value;
    }

    /// <summary>A count that may be 0 but not negative (impressions, clicks).</summary>
    public int? Count(string field)
    {
        if (Text(field) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.Integer | NumberStyles.AllowThousands, culture, out var value) && value >= 0) return value;
        Problem(field, $"'{Excerpt.Of(text)}' is not a whole number of 0 or more.");
        return null;
    }

    /// <summary>A date (and time) read in the import's culture, as UTC.</summary>
    public DateTime? Date(string field)
    {
        if (Text(field) is not { } text) return null;
        if (DateTime.TryParse(text, culture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
        Problem(field, $"'{Excerpt.Of(text)}' is not a date{CultureHint()}.");
        return null;
    }

    /// <summary>A date written back to the user as the file writes dates: in its culture, or ISO in the invariant one.</summary>
    public string Show(DateTime value) => culture.Name.Length == 0 ? value.ToString("yyyy-MM-dd HH:mm", culture) : value.ToString("g", culture);

    public bool? Flag(string field)
    {
        if (!columns.TryGetValue(field, out var i)) return null;
        var text = fields[i].Trim().ToLowerInvariant();
        if (TrueWords.Contains(text)) return true;
        if (FalseWords.Contains(text)) return false;
        Problem(field, $"'{Excerpt.Of(fields[i].Trim())}' is not yes/no (use 1/0, true/false or yes/no).");
        return null;
    }

    private string CultureHint() => culture.Name.Length == 0 ? " (read in the invariant culture: choose the file's culture, e.g. de-DE)" : $" in culture {culture.Name}";
}
