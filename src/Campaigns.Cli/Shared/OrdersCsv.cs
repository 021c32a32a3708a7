using System.Globalization;
using Campaigns.Analytics.Customers;

namespace Campaigns.Cli;

/// <summary>Streams an order CSV (one row per order) into an <see cref="OrderHistory"/>; a bad value stops the read with its line and column.</summary>
internal static class OrdersCsv
{
    public static OrderHistory Load(string path, string customerColumn, string dateColumn, string amountColumn, string? categoryColumn, string? discountColumn)
    {
        var header = UpliftCsv.Header(path);
        var (customer, date, amount) = (UpliftCsv.Column(header, customerColumn, path), UpliftCsv.Column(header, dateColumn, path), UpliftCsv.Column(header, amountColumn, path));
        var category = categoryColumn is null ? -1 : UpliftCsv.Column(header, categoryColumn, path);
        var discount = discountColumn is null ? -1 : UpliftCsv.Column(header, discountColumn, path);
        var builder = new OrderHistory.Builder();
        foreach (var (line, fields) in UpliftCsv.Records(path, header.Count))
        {
            var id = fields[customer].Trim();
            if (id.Length == 0) throw new ArgumentException($"Line {line}: column '{customerColumn}' is empty.");
            builder.Add(id, Date(fields[date], line, dateColumn), UpliftCsv.Number(fields[amount], line, amountColumn),
                category < 0 ? null : fields[category].Trim(), discount < 0 ? null : UpliftCsv.Number(fields[discount], line, discountColumn!));
        }
        if (builder.Count == 0) throw new ArgumentException($"'{path}' has no orders.");
        return builder.Build();
    }

    private static DateOnly Date(string text, int line, string column)
    {
        var value = text.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateOnly.FromDateTime(time)
            : throw new ArgumentException($"Line {line}, column '{column}': '{text}' is not a date (use e.g. 2026-06-01).");
    }
}
