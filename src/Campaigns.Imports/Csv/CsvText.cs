namespace Campaigns.Imports.Csv;

/// <summary>Writing CSV the way <see cref="CsvReader"/> reads it (RFC 4180).</summary>
public static class CsvText
{
    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    public static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote));
}
