using System.Globalization;
using Campaigns.Imports;

namespace Campaigns.Web.Features;

/// <summary>
/// Reads optional query-string values strictly: a value that is not one the parameter allows is a 400 naming the
/// parameter and what it allows, never silently ignored. Enums go by name only: "99" parses as an enum but means nothing.
/// </summary>
public static class QueryValues
{
    public static T? Enum<T>(string name, string? text, List<string> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = System.Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is not null) return System.Enum.Parse<T>(match);
        errors.Add($"{name}: '{Excerpt.Of(text)}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
        return null;
    }

    public static bool? Bool(string name, string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (bool.TryParse(text.Trim(), out var value)) return value;
        errors.Add($"{name}: '{Excerpt.Of(text)}' is not true or false");
        return null;
    }

    public static double? Number(string name, string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        errors.Add($"{name}: '{Excerpt.Of(text)}' is not a number");
        return null;
    }

    public static int? Integer(string name, string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add($"{name}: '{Excerpt.Of(text)}' is not a whole number");
        return null;
    }

    /// <summary>A date (and time), read as UTC unless it names its zone.</summary>
    public static DateTime? Date(string name, string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
        errors.Add($"{name}: '{Excerpt.Of(text)}' is not a date (e.g. 2026-11-20)");
        return null;
    }

    /// <summary>The 400 for the values the readers above refused.</summary>
    public static IResult Problem(List<string> errors) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query value",
        detail: string.Join("; ", errors) + ".",
        extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
