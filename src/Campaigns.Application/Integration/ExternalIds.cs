namespace Campaigns.Application.Integration;

/// <summary>
/// The store's own ids in API bodies (customer ids, event ids): trimmed, and 1 to <see cref="MaxLength"/> characters,
/// the width of the columns that hold them, so an over-long id is a clear error and not a failed insert.
/// </summary>
public static class ExternalIds
{
    public const int MaxLength = 100;

    /// <returns>The trimmed id, or null after adding the reason it is refused to <paramref name="errors"/>.</returns>
    public static string? Check(string field, string? value, List<string> errors)
    {
        var id = value?.Trim();
        if (string.IsNullOrEmpty(id)) errors.Add($"{field}: required");
        else if (id.Length > MaxLength) errors.Add($"{field}: at most {MaxLength} characters (got {id.Length})");
        else return id;
        return null;
    }
}
