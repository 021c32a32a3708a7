using Campaigns.Domain.Imports;

namespace Campaigns.Imports.Mapping;

/// <summary>
/// Which column feeds which field (field → column header), and which columns to leave out. Header names are
/// compared ignoring case, spaces, underscores and punctuation, so "Customer ID", "customer_id" and "CustomerId" match.
/// </summary>
public sealed class ColumnMapping
{
    public Dictionary<string, string> Columns { get; init; } = new(StringComparer.Ordinal);
    public HashSet<string> Ignored { get; init; } = new(StringComparer.Ordinal);

    public static string Normalize(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>Suggests a column for each field: a header equal to the field's name first, then one of its synonyms.</summary>
    public static ColumnMapping Suggest(ImportKind kind, IReadOnlyList<string> header)
    {
        var fields = ImportFields.For(kind);
        var mapping = new ColumnMapping();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        void Match(Func<ImportField, string, bool> matches)
        {
            foreach (var field in fields.Where(f => !mapping.Columns.ContainsKey(f.Name)))
                if (header.FirstOrDefault(h => !taken.Contains(h) && matches(field, Normalize(h))) is { } column)
                {
                    mapping.Columns[field.Name] = column;
                    taken.Add(column);
                }
        }
        Match((f, h) => h == Normalize(f.Name));
        Match((f, h) => f.Synonyms.Any(s => Normalize(s) == h));
        return mapping;
    }

    /// <summary>Applies "column=field" choices (field "ignore" leaves the column out) over this mapping.</summary>
    public ColumnMapping With(ImportKind kind, IEnumerable<string> choices)
    {
        var result = new ColumnMapping { Columns = new(Columns, StringComparer.Ordinal), Ignored = new(Ignored, StringComparer.Ordinal) };
        foreach (var choice in choices)
        {
            var parts = choice.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new ImportException($"'{Excerpt.Of(choice)}' is not a mapping: write COLUMN=FIELD, e.g. visit=converted.");
            var (column, field) = (parts[0], parts[1]);
            if (field != ImportFields.Ignore && ImportFields.For(kind).All(f => f.Name != field))
                throw new ImportException($"'{Excerpt.Of(field)}' is not a field of a {kind.ToString().ToLowerInvariant()} import (fields: {string.Join(", ", ImportFields.For(kind).Select(f => f.Name))}, or {ImportFields.Ignore}).");
            foreach (var taken in result.Columns.Where(c => c.Value == column).Select(c => c.Key).ToList()) result.Columns.Remove(taken);
            result.Ignored.Remove(column);
            if (field == ImportFields.Ignore) result.Ignored.Add(column);
            else result.Columns[field] = column;
        }
        return result;
    }

    /// <summary>Columns a message lists at most: a header can have thousands.</summary>
    private const int ListedColumns = 30;

    /// <summary>The column index of each mapped field in this header; a specific message when a column or a required field is missing.</summary>
    public Dictionary<string, int> Resolve(ImportKind kind, IReadOnlyList<string> header, char delimiter, IReadOnlyCollection<string> supplied)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var columns = string.Join(", ", header.Take(ListedColumns).Select(h => $"'{Excerpt.Of(h)}'")) + (header.Count > ListedColumns ? ", …" : "");
        foreach (var (field, column) in Columns)
        {
            var i = FindColumn(header, column);
            if (i < 0) throw new ImportException($"Column '{Excerpt.Of(column)}' (mapped to {field}) is not in the header (read with delimiter '{Show(delimiter)}'; columns: {columns}).");
            indexes[field] = i;
        }
        foreach (var field in ImportFields.For(kind).Where(f => f.Required && !indexes.ContainsKey(f.Name) && !supplied.Contains(f.Name)))
        {
            var hint = header.Count == 1 && header[0].IndexOfAny([',', ';', '\t', '|']) >= 0
                ? $" The header is one column: the file seems to use another delimiter than '{Show(delimiter)}'."
                : $" Map one of the columns to it (columns: {columns}).";
            throw new ImportException($"Required column {field.Name} ({field.Description}) is missing.{hint}");
        }
        return indexes;
    }

    public static int FindColumn(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++) if (header[i] == column) return i;
        var normalized = Normalize(column);
        for (var i = 0; i < header.Count; i++) if (Normalize(header[i]) == normalized) return i;
        return -1;
    }

    private static string Show(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();
}
