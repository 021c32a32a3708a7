using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Campaigns.Ml.Copy;

/// <summary>
/// Byte-pair encoding (Sennrich, Haddow &amp; Birch 2016) learned from the corpus. Text is first cut into chunks — a
/// word or a punctuation mark with its leading space, a slot — and merges never cross a chunk, so decoding is the
/// concatenation of the tokens and round-trips exactly for any text written in the corpus's characters (others become
/// &lt;unk&gt;). Control tokens (channel, promotion type, category, tone) and slots are atomic tokens of their own.
/// </summary>
public sealed partial class BpeTokenizer
{
    public const string Pad = "<pad>";
    public const string Bos = "<bos>";
    public const string Eos = "<eos>";
    public const string Unknown = "<unk>";
    public const string AnyCategory = "<cat:any>";

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<(string, string), int> _mergeRank;
    private readonly Dictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly Lock _cacheLock = new();

    private BpeTokenizer(IReadOnlyList<string> alphabet, IReadOnlyList<(string Left, string Right)> merges, IReadOnlyList<string> categories)
    {
        Alphabet = alphabet.ToArray();
        Merges = merges.ToArray();
        Categories = categories.ToArray();
        var tokens = new List<string> { Pad, Bos, Eos, Unknown };
        tokens.AddRange(Enum.GetNames<CopyChannel>().Select(n => $"<ch:{n}>"));
        tokens.AddRange(Enum.GetNames<Domain.Campaigns.PromotionType>().Select(n => $"<type:{n}>"));
        tokens.AddRange(Enum.GetNames<Domain.Copy.Tone>().Select(n => $"<tone:{n}>"));
        tokens.Add(AnyCategory);
        tokens.AddRange(Categories.Select(CategoryToken));
        tokens.AddRange(Slots.All);
        tokens.AddRange(Slots.All.Select(s => " " + s));
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        foreach (var piece in Alphabet.Concat(Merges.Select(m => m.Left + m.Right)))
            if (seen.Add(piece)) tokens.Add(piece);
        _tokens = tokens.ToArray();
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _tokens.Length; i++) _ids.TryAdd(_tokens[i], i);
        _mergeRank = new Dictionary<(string, string), int>();
        for (var r = 0; r < Merges.Count; r++) _mergeRank.TryAdd(Merges[r], r);
    }

    public IReadOnlyList<string> Alphabet { get; }
    public IReadOnlyList<(string Left, string Right)> Merges { get; }
    /// <summary>Categories with a control token of their own, as named in the corpus.</summary>
    public IReadOnlyList<string> Categories { get; }
    public int VocabularySize => _tokens.Length;
    public int PadId => _ids[Pad];
    public int BosId => _ids[Bos];
    public int EosId => _ids[Eos];
    public int UnknownId => _ids[Unknown];

    public string TokenText(int id) => _tokens[id];

    /// <summary>Learns merges until the vocabulary holds <paramref name="vocabularySize"/> tokens or no pair occurs twice.</summary>
    public static BpeTokenizer Train(IEnumerable<string> texts, IEnumerable<string?> categories, int vocabularySize)
    {
        var chunkCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var chunk in Chunks(text))
                if (!IsSlot(chunk)) chunkCounts[chunk] = chunkCounts.GetValueOrDefault(chunk) + 1;
        var alphabet = chunkCounts.Keys.SelectMany(c => c.EnumerateRunes().Select(r => r.ToString())).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var categoryList = categories.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var fixedTokens = new BpeTokenizer(alphabet, [], categoryList).VocabularySize;

        // Each distinct chunk as a list of symbols, weighted by how often it occurs.
        var words = chunkCounts.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (Symbols: p.Key.EnumerateRunes().Select(r => r.ToString()).ToList(), Count: p.Value)).ToList();
        var merges = new List<(string, string)>();
        while (fixedTokens + merges.Count < vocabularySize)
        {
            var pairs = new Dictionary<(string, string), int>();
            foreach (var (symbols, count) in words)
                for (var i = 0; i + 1 < symbols.Count; i++)
                    pairs[(symbols[i], symbols[i + 1])] = pairs.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
            if (pairs.Count == 0) break;
            var best = pairs.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Item2, StringComparer.Ordinal).First();
            if (best.Value < 2) break;
            merges.Add(best.Key);
            foreach (var (symbols, _) in words) MergeInPlace(symbols, best.Key.Item1, best.Key.Item2);
        }
        return new BpeTokenizer(alphabet, merges, categoryList);
    }

    /// <summary>The control tokens that condition generation, in a fixed order: channel, promotion type, category, tone.</summary>
    public int[] ControlIds(CopyConditions conditions) =>
    [
        _ids[$"<ch:{conditions.Channel}>"],
        _ids[$"<type:{conditions.PromotionType}>"],
        conditions.Category is { } c && _ids.TryGetValue(CategoryToken(c), out var id) ? id : _ids[AnyCategory],
        _ids[$"<tone:{conditions.Tone}>"],
    ];

    /// <summary>Token ids of the text (no control tokens, no &lt;bos&gt;/&lt;eos&gt;).</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>();
        foreach (var chunk in Chunks(text))
        {
            if (_ids.TryGetValue(chunk, out var whole) && IsSlot(chunk))
            {
                ids.Add(whole);
                continue;
            }
            ids.AddRange(EncodeChunk(chunk));
        }
        return ids.ToArray();
    }

    /// <summary>The text of the ids; &lt;bos&gt;, &lt;eos&gt;, padding and control tokens are left out.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            var token = _tokens[id];
            if (id == UnknownId) text.Append('\uFFFD');
            else if (!(token.StartsWith('<') && token.EndsWith('>') && token.Length > 2)) text.Append(token);
        }
        return text.ToString();
    }

    /// <summary>True for ids that are not text: padding, &lt;bos&gt; and the control tokens.</summary>
    public bool IsControl(int id) => _tokens[id] is var t && t.StartsWith('<') && t.EndsWith('>') && t.Length > 2 && id != UnknownId && id != EosId;

    private int[] EncodeChunk(string chunk)
    {
        lock (_cacheLock)
            if (_cache.TryGetValue(chunk, out var cached)) return cached;
        var symbols = chunk.EnumerateRunes().Select(r => r.ToString()).ToList();
        while (symbols.Count > 1)
        {
            var bestRank = int.MaxValue;
            var bestAt = -1;
            for (var i = 0; i + 1 < symbols.Count; i++)
                if (_mergeRank.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank)
                    (bestRank, bestAt) = (rank, i);
            if (bestAt < 0) break;
            MergeInPlace(symbols, Merges[bestRank].Left, Merges[bestRank].Right);
        }
        var ids = symbols.Select(s => _ids.TryGetValue(s, out var id) ? id : UnknownId).ToArray();
        lock (_cacheLock) _cache[chunk] = ids;
        return ids;
    }

    private static void MergeInPlace(List<string> symbols, string left, string right)
    {
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            if (symbols[i] != left || symbols[i + 1] != right) continue;
            symbols[i] = left + right;
            symbols.RemoveAt(i + 1);
        }
    }

    private static string CategoryToken(string category) => $"<cat:{category.ToLowerInvariant()}>";

    private static bool IsSlot(string chunk) => chunk.TrimStart(' ').StartsWith('{') && Slots.Pattern().IsMatch(chunk);

    internal static IEnumerable<string> Chunks(string text) => ChunkPattern().Matches(text).Select(m => m.Value);

    // A slot (with its leading space), a word with its leading space, one other character with its leading space, or a lone space.
    [GeneratedRegex(@" ?\{(?:discount|product|category|code|end_date|name)\}| ?[\p{L}\p{N}]+| ?[^\s\p{L}\p{N}]|\s")]
    private static partial Regex ChunkPattern();

    /// <summary>The tokenizer as JSON: alphabet, merges in order, categories.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Stored(Alphabet.ToArray(), Merges.Select(m => new[] { m.Left, m.Right }).ToArray(), Categories.ToArray()));

    public static BpeTokenizer FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidDataException("tokenizer.json is empty.");
        if (stored.Alphabet is null || stored.Merges is null || stored.Categories is null || stored.Merges.Any(m => m is not { Length: 2 }))
            throw new InvalidDataException("tokenizer.json lacks the alphabet, the merges or the categories.");
        return new BpeTokenizer(stored.Alphabet, stored.Merges.Select(m => (m[0], m[1])).ToArray(), stored.Categories);
    }

    private sealed record Stored(string[] Alphabet, string[][] Merges, string[] Categories);
}
