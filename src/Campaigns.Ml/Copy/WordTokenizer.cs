using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Campaigns.Ml.Copy;

/// <summary>
/// The copy generator's vocabulary: whole words, slots and punctuation marks as the training lines write them, after
/// control tokens for channel, promotion type, category and tone. Whole words rather than word pieces, so a generated line
/// can only hold words of the corpus (or the store's names, which come in through slots); each word has one form, the
/// corpus's own casing away from a sentence start, and <see cref="Decode"/> capitalizes sentences and spaces marks by
/// the rules of English typography, so no line can glue two words or double a stop.
/// </summary>
public sealed partial class WordTokenizer
{
    private const string Pad = "<pad>";
    private const string Bos = "<bos>";
    private const string Eos = "<eos>";
    private const string Unknown = "<unk>";
    private const string AnyCategory = "<cat:*>";

    // Marks written against the word before them ("sale!", "50%") and those written against the word after them ("(new", "£5").
    private static readonly HashSet<string> ClosingMarks = [".", ",", "!", "?", ":", ";", ")", "]", "%", "...", "…", "”", "’"];
    private static readonly HashSet<string> OpeningMarks = ["(", "[", "£", "$", "€", "“", "‘"];
    private static readonly HashSet<string> SentenceEnds = [".", "!", "?"];

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids; // control tokens and slots by their text; words by their lower case

    private WordTokenizer(IReadOnlyList<string> words, IReadOnlyList<string> categories)
    {
        Words = words;
        Categories = categories;
        var tokens = new List<string> { Pad, Bos, Eos, Unknown };
        tokens.AddRange(Enum.GetNames<CopyChannel>().Select(n => $"<ch:{n}>"));
        tokens.AddRange(Enum.GetNames<Domain.Campaigns.PromotionType>().Select(n => $"<type:{n}>"));
        tokens.AddRange(Enum.GetNames<Domain.Copy.Tone>().Select(n => $"<tone:{n}>"));
        tokens.Add(AnyCategory);
        tokens.AddRange(Categories.Select(CategoryToken));
        FirstText = tokens.Count;
        tokens.AddRange(Slots.All);
        tokens.AddRange(words);
        _tokens = tokens.ToArray();
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _tokens.Length; i++) _ids.TryAdd(i >= FirstText + Slots.All.Count ? _tokens[i].ToLowerInvariant() : _tokens[i], i);
    }

    /// <summary>The words and marks of the vocabulary, each in the form it is written in.</summary>
    public IReadOnlyList<string> Words { get; }
    /// <summary>Categories with a control token of their own, as named in the corpus.</summary>
    public IReadOnlyList<string> Categories { get; }
    public int VocabularySize => _tokens.Length;
    public int PadId => _ids[Pad];
    public int BosId => _ids[Bos];
    public int EosId => _ids[Eos];
    public int UnknownId => _ids[Unknown];
    /// <summary>The first id of text (slots, then words and marks); the ids below it are special or control tokens.</summary>
    public int FirstText { get; }

    public string TokenText(int id) => _tokens[id];

    /// <summary>The id of a slot token such as <see cref="Slots.Discount"/>.</summary>
    public int SlotId(string slot) => _ids[slot];

    /// <summary>
    /// Learns the vocabulary of the (de-lexicalized) lines. A word's form is the one the lines use most away from a sentence
    /// start ("Christmas", "VIP", "shop"); a word seen only at sentence starts is kept in lower case unless written with
    /// capitals inside it, since its capital there belongs to the sentence.
    /// </summary>
    public static WordTokenizer Train(IEnumerable<string> texts, IEnumerable<string?> categories)
    {
        var inside = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var atStart = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var startOfSentence = true;
            foreach (var piece in Pieces(text))
            {
                if (Slots.Pattern().IsMatch(piece)) { startOfSentence = false; continue; }
                var key = piece.ToLowerInvariant();
                if (startOfSentence && IsWord(piece)) atStart.TryAdd(key, piece);
                else
                {
                    var forms = inside.TryGetValue(key, out var f) ? f : inside[key] = new Dictionary<string, int>(StringComparer.Ordinal);
                    forms[piece] = forms.GetValueOrDefault(piece) + 1;
                }
                if (IsWord(piece)) startOfSentence = false;
                else if (SentenceEnds.Contains(piece)) startOfSentence = true;
            }
        }
        var words = inside.Select(p => p.Value.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key)
            .Concat(atStart.Where(p => !inside.ContainsKey(p.Key)).Select(p => IsSentenceCased(p.Value) ? p.Key : p.Value))
            .Order(StringComparer.Ordinal).ToList();
        var categoryList = categories.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new WordTokenizer(words, categoryList);
    }

    /// <summary>The control tokens that condition generation, in a fixed order: channel, promotion type, category, tone.</summary>
    public int[] ControlIds(CopyConditions conditions) =>
    [
        _ids[$"<ch:{conditions.Channel}>"],
        _ids[$"<type:{conditions.PromotionType}>"],
        conditions.Category is { } c && _ids.TryGetValue(CategoryToken(c), out var id) ? id : _ids[AnyCategory],
        _ids[$"<tone:{conditions.Tone}>"],
    ];

    /// <summary>Token ids of the text (no control tokens, no &lt;bos&gt;/&lt;eos&gt;); a word outside the vocabulary is &lt;unk&gt;.</summary>
    public int[] Encode(string text) =>
        Pieces(text).Select(p => _ids.TryGetValue(Slots.Pattern().IsMatch(p) ? p : p.ToLowerInvariant(), out var id) && id >= FirstText ? id : UnknownId).ToArray();

    /// <summary>
    /// The text of the ids, typeset: a space between words, none before a closing mark or after an opening one, each sentence
    /// starting with a capital. &lt;bos&gt;, &lt;eos&gt;, padding and control tokens are left out.
    /// </summary>
    public string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        string? previous = null;
        var startOfSentence = true;
        var quotes = 0;
        foreach (var id in ids)
        {
            if (id < FirstText && id != UnknownId) continue;
            var token = id == UnknownId ? "\uFFFD" : _tokens[id];
            var opensQuote = token == "\"" && quotes % 2 == 0;
            var closes = ClosingMarks.Contains(token) || (token == "\"" && !opensQuote);
            if (previous is not null && !closes && !OpeningMarks.Contains(previous) && !(previous == "\"" && quotes % 2 == 1)) text.Append(' ');
            if (token == "\"") quotes++;
            text.Append(startOfSentence && IsWord(token) ? char.ToUpperInvariant(token[0]) + token[1..] : token);
            if (IsWord(token) || Slots.Pattern().IsMatch(token)) startOfSentence = false;
            else if (SentenceEnds.Contains(token)) startOfSentence = true;
            previous = token;
        }
        return text.ToString();
    }

    /// <summary>True for ids that are not text: padding, &lt;bos&gt; and the control tokens.</summary>
    public bool IsControl(int id) => id < FirstText && id != UnknownId && id != EosId;

    /// <summary>The words, numbers, slots and marks of a text, in order: "Don't miss {discount}!" is "Don't", "miss", "{discount}", "!".</summary>
    internal static IEnumerable<string> Pieces(string text) => PiecePattern().Matches(text).Select(m => m.Value);

    private static bool IsWord(string piece) => piece.Length > 0 && char.IsLetterOrDigit(piece[0]);

    private static bool IsSentenceCased(string word) => word.Length > 1 && char.IsUpper(word[0]) && word[1..] == word[1..].ToLowerInvariant()
        || word.Length == 1 && word != "I";

    private static string CategoryToken(string category) => $"<cat:{category.ToLowerInvariant()}>";

    // A slot; a number with its groups ("10,000", "4.5"); a word with inner apostrophes or hyphens ("don't", "best-loved") or a
    // plural's possessive ("members'"); an
    // ellipsis, as one mark so that recombining cannot cut it to two dots; one other mark.
    [GeneratedRegex(@"\{(?:discount|product|category|code|end_date|name)\}|\.\.\.|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*(?:(?<=s)['’](?![\p{L}\p{N}]))?|[^\s\p{L}\p{N}]")]
    private static partial Regex PiecePattern();

    /// <summary>The tokenizer as JSON: its words and categories.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Stored(Words.ToArray(), Categories.ToArray()));

    public static WordTokenizer FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidDataException("tokenizer.json is empty.");
        if (stored.Words is null || stored.Categories is null) throw new InvalidDataException("tokenizer.json lacks the words or the categories.");
        return new WordTokenizer(stored.Words, stored.Categories);
    }

    private sealed record Stored(string[] Words, string[] Categories);
}
