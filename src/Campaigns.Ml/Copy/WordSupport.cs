namespace Campaigns.Ml.Copy;

/// <summary>
/// Which token may come next in a generated line: one that follows the line's last two tokens in some training line (with
/// the line's start and end). The network chooses among them; it never joins words no training line joins, so a new line
/// is a recombination of the corpus at points where two lines share two words ("{discount} on", "for you"), which keeps
/// its grammar, rather than a bigram chain ("3 hours left for 15% off ends soon").
/// </summary>
internal sealed class WordSupport
{
    private readonly Dictionary<(int, int), int[]> _followers;
    private readonly int _start;

    /// <param name="lines">The training lines' text tokens (no control tokens), each ending with &lt;eos&gt;.</param>
    /// <param name="start">The token that stands for "before the line" (&lt;bos&gt;).</param>
    public WordSupport(IEnumerable<int[]> lines, int start)
    {
        _start = start;
        var followers = new Dictionary<(int, int), HashSet<int>>();
        foreach (var line in lines)
        {
            var (a, b) = (start, start);
            foreach (var token in line)
            {
                (followers.TryGetValue((a, b), out var set) ? set : followers[(a, b)] = []).Add(token);
                (a, b) = (b, token);
            }
        }
        _followers = followers.ToDictionary(p => p.Key, p => p.Value.Order().ToArray());
    }

    /// <summary>The context of an empty line.</summary>
    public (int, int) Start => (_start, _start);

    /// <summary>The tokens that may follow the context (its last two tokens); empty when none does. The array is shared: do not change it.</summary>
    public int[] Allowed((int, int) context) => _followers.TryGetValue(context, out var next) ? next : [];

    /// <summary>True when every token of the line (ending with &lt;eos&gt;) follows its two predecessors in some training line.</summary>
    public bool Supports(IEnumerable<int> line)
    {
        var context = Start;
        foreach (var token in line)
        {
            if (Array.BinarySearch(Allowed(context), token) < 0) return false;
            context = (context.Item2, token);
        }
        return true;
    }
}
