namespace Campaigns.Domain;

/// <summary>
/// Four eyes: a review is worth something only if someone other than the work's authors gives it. One rule for every
/// sign-off (a campaign's approval, a model's promotion); names compare as sign-in names do, ignoring case.
/// </summary>
public static class FourEyes
{
    /// <summary>Whether <paramref name="reviewer"/> is one of the <paramref name="authors"/> (null authors are nobody).</summary>
    public static bool IsAuthor(string reviewer, params IEnumerable<string?> authors) =>
        authors.Any(a => string.Equals(a, reviewer, StringComparison.OrdinalIgnoreCase));
}
