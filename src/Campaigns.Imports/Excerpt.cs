namespace Campaigns.Imports;

/// <summary>
/// The start of a value quoted back in a message: a problem list or an error response never echoes more than
/// <see cref="Length"/> characters of what was sent, however long the value.
/// </summary>
public static class Excerpt
{
    public const int Length = 100;

    public static string Of(string text) => text.Length <= Length ? text : string.Concat(text.AsSpan(0, Length), "…");
}
