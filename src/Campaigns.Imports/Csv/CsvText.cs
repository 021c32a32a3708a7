using System.Globalization;

namespace Campaigns.Imports.Csv;

/// <summary>
/// Writing CSV the way <see cref="CsvReader"/> reads it (RFC 4180). Every CSV the app hands out (results, audiences,
/// rejected rows, scores) writes its text cells through <see cref="Cell"/>, the one place that neutralizes formulas.
/// </summary>
public static class CsvText
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// A text cell for a spreadsheet: one that a spreadsheet would run as a formula (it begins with = + - @, a tab or a
    /// carriage return) is prefixed with a single quote and quoted (OWASP "CSV injection"); a cell that is a plain
    /// number (-3.5, +1e3) is no formula and is written as it is.
    /// </summary>
    public static string Cell(string text) =>
        text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 && !IsNumber(text) ? "\"'" + text.Replace("\"", "\"\"") + "\"" : Quote(text);

    /// <summary>A number written by the app: invariant culture, never neutralized (a negative number stays a number).</summary>
    public static string Number(double value) => value.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>A line of text cells (<see cref="Cell"/>).</summary>
    public static string Line(IEnumerable<string> cells) => string.Join(",", cells.Select(Cell));

    /// <summary>
    /// A line for the app's own reader only (JSON lines converted for the import engine): quoted where RFC 4180 needs
    /// it and otherwise unchanged, since a neutralized cell would be imported with its added quote.
    /// </summary>
    public static string RawLine(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote));

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    private static bool IsNumber(string text) =>
        text[0] is '-' or '+' && text.Length > 1 && char.IsAsciiDigit(text[1]) &&
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);
}
