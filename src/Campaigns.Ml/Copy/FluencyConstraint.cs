namespace Campaigns.Ml.Copy;

/// <summary>
/// <see cref="CopyGenerator.IsFluent"/> applied while sampling rather than after: for a line written so far, which next
/// tokens keep every adjacent pair of words seen in training (with the line's start and end). A line's state is its last
/// final word and the text from there on (the word that may still grow, and any space after it); the allowed tokens of a
/// state are worked out once and cached. States are reached only through allowed tokens, so there are at most about as
/// many as there are (word, prefix of a word that follows it in training) pairs.
/// </summary>
internal sealed class FluencyConstraint
{
    private const string Start = "<s>";
    private const string End = "</s>";

    private readonly HashSet<(string, string)> _pairs;
    private readonly HashSet<(string, string)> _prefixes = [];
    // Lower-cased text of each token; null for those never written: padding, control, <unk>, and a lone space, which adds no
    // word (a line's spaces come with its words) but would let a line the end token may not close grow blank to the token limit.
    private readonly string?[] _tokens;
    private readonly string[][] _tokenWords; // the words of each token's text on its own
    private readonly int _eos;
    private readonly Dictionary<State, int[]> _allowed = [];
    private readonly Lock _lock = new();

    public FluencyConstraint(IReadOnlySet<(string, string)> pairs, BpeTokenizer tokenizer)
    {
        _pairs = pairs.ToHashSet();
        foreach (var (previous, word) in _pairs)
            for (var length = 1; length <= word.Length; length++) _prefixes.Add((previous, word[..length]));
        _eos = tokenizer.EosId;
        _tokens = new string?[tokenizer.VocabularySize];
        for (var id = 0; id < _tokens.Length; id++)
            _tokens[id] = id == tokenizer.EosId || id == tokenizer.UnknownId || id == tokenizer.PadId || tokenizer.IsControl(id)
                || string.IsNullOrWhiteSpace(tokenizer.TokenText(id)) ? null : tokenizer.TokenText(id).ToLowerInvariant();
        _tokenWords = _tokens.Select(t => t is null ? [] : Words(t).ToArray()).ToArray();
    }

    /// <summary>A line so far: its last word that can no longer change, and the lower-cased text after it.</summary>
    public readonly record struct State(string Previous, string Tail);

    /// <summary>The state of an empty line.</summary>
    public static State Empty => new(Start, "");

    /// <summary>
    /// The ids of the tokens whose appending keeps the line fluent: every word the token makes final follows its predecessor in
    /// some training line, and the word left open is the beginning of such a follower. &lt;eos&gt; is among them when the last
    /// word may end a line. The array is shared: do not change it.
    /// </summary>
    public int[] Allowed(State state)
    {
        lock (_lock)
        {
            if (_allowed.TryGetValue(state, out var cached)) return cached;
            var allowed = new List<int>();
            var words = Words(state.Tail);
            var tailInWord = state.Tail.Length > 0 && IsWordChar(state.Tail[^1]);
            var joined = new List<string>();
            for (var id = 0; id < _tokens.Length; id++)
            {
                if (_tokens[id] is not { } text) continue;
                // The words of tail + token: the token's first word extends the tail's last when both touch inside a word.
                joined.Clear();
                joined.AddRange(words);
                var tokenWords = _tokenWords[id];
                var merge = tailInWord && text.Length > 0 && IsWordChar(text[0]);
                if (merge) joined[^1] += tokenWords[0];
                joined.AddRange(merge ? tokenWords.Skip(1) : tokenWords);
                if (IsFluentSoFar(state.Previous, joined)) allowed.Add(id);
            }
            if (words.Count > 0 && Chain(state.Previous, words) is { } last && _pairs.Contains((last, End))) allowed.Add(_eos);
            return _allowed[state] = allowed.ToArray();
        }
    }

    /// <summary>The state after appending the token (which must be one of <see cref="Allowed"/>'s, other than &lt;eos&gt;).</summary>
    public State Advance(State state, int token)
    {
        var tail = state.Tail + _tokens[token];
        var matches = CopyGenerator.FluencyPattern().Matches(tail);
        if (matches.Count < 2) return state with { Tail = tail };
        var open = matches[^1];
        return new State(matches[^2].Value, tail[open.Index..]);
    }

    private bool IsFluentSoFar(string previous, List<string> words)
    {
        if (words.Count == 0) return true;
        var last = Chain(previous, words[..^1]);
        return last is not null && _prefixes.Contains((last, words[^1]));
    }

    /// <summary>The last of the words if each follows its predecessor (the first follows <paramref name="previous"/>) in training; else null.</summary>
    private string? Chain(string previous, List<string> words)
    {
        foreach (var word in words)
        {
            if (!_pairs.Contains((previous, word))) return null;
            previous = word;
        }
        return previous;
    }

    /// <summary>A character <see cref="CopyGenerator.FluencyPattern"/> counts as part of a word.</summary>
    private static bool IsWordChar(char c) => char.IsLetter(c) || char.IsNumber(c) || c is '%' or '\'';

    private static List<string> Words(string text) => CopyGenerator.FluencyPattern().Matches(text).Select(m => m.Value).ToList();
}
