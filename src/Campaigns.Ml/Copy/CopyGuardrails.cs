using System.Text.RegularExpressions;

namespace Campaigns.Ml.Copy;

/// <summary>
/// What a candidate must respect besides the promotion's terms: the channel's length limit, the Admin's banned words and
/// phrases (whole words, any case), and no near-duplicate of a candidate already kept (word-set Jaccard similarity).
/// </summary>
public sealed partial class CopyGuardrails
{
    /// <summary>Characters allowed per channel: an email subject shows about 60 in most clients, a push notification about 110.</summary>
    public static readonly IReadOnlyDictionary<CopyChannel, int> DefaultLengthLimits = new Dictionary<CopyChannel, int>
    {
        [CopyChannel.EmailSubject] = 60,
        [CopyChannel.Push] = 110,
        [CopyChannel.Banner] = 70,
        [CopyChannel.EmailBody] = 300,
        [CopyChannel.ProductText] = 300,
    };

    private readonly Regex[] _banned;
    private readonly IReadOnlyDictionary<CopyChannel, int> _limits;

    /// <param name="nearDuplicateJaccard">Two candidates whose word sets overlap at least this much are near-duplicates.</param>
    public CopyGuardrails(IEnumerable<string>? banned = null, IReadOnlyDictionary<CopyChannel, int>? lengthLimits = null, double nearDuplicateJaccard = 0.5)
    {
        BannedPhrases = (banned ?? []).Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim()).ToArray();
        _banned = BannedPhrases.Select(b => new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(b)}(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToArray();
        _limits = lengthLimits ?? DefaultLengthLimits;
        NearDuplicateJaccard = nearDuplicateJaccard;
    }

    public IReadOnlyList<string> BannedPhrases { get; }
    public double NearDuplicateJaccard { get; }

    public int LengthLimit(CopyChannel channel) => _limits.TryGetValue(channel, out var limit) ? limit : int.MaxValue;

    /// <summary>The length and banned-phrase violations of one filled line; empty when it passes.</summary>
    public IReadOnlyList<string> Violations(string text, CopyChannel channel)
    {
        var reasons = new List<string>();
        if (text.Length > LengthLimit(channel)) reasons.Add($"is longer than {LengthLimit(channel)} characters");
        for (var i = 0; i < _banned.Length; i++)
            if (_banned[i].IsMatch(text)) reasons.Add($"uses the banned phrase '{BannedPhrases[i]}'");
        return reasons;
    }

    /// <summary>True when the text is a near-duplicate of any of the kept ones.</summary>
    public bool IsNearDuplicate(string text, IEnumerable<string> kept)
    {
        var words = Words(text);
        return kept.Any(k => Jaccard(words, Words(k)) >= NearDuplicateJaccard);
    }

    /// <summary>|A ∩ B| / |A ∪ B| of two word sets (1 when both are empty).</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 1;
        var both = a.Count(b.Contains);
        return (double)both / (a.Count + b.Count - both);
    }

    /// <summary>The lower-cased words and numbers of a text.</summary>
    public static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{[a-z_]+\}|[\p{L}\p{N}%']+")]
    internal static partial Regex WordPattern();
}
