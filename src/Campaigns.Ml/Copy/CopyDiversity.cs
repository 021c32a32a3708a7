namespace Campaigns.Ml.Copy;

/// <summary>Diversity measures of a set of candidates, and the choice of a diverse subset.</summary>
public static class CopyDiversity
{
    /// <summary>Distinct-2 (Li et al. 2016): distinct word bigrams over all word bigrams of the candidates together.</summary>
    public static double Distinct2(IEnumerable<string> texts)
    {
        var total = 0;
        var distinct = new HashSet<(string, string)>();
        foreach (var text in texts)
        {
            var bigrams = Bigrams(text);
            total += bigrams.Length;
            distinct.UnionWith(bigrams);
        }
        return total == 0 ? 0 : (double)distinct.Count / total;
    }

    /// <summary>
    /// Picks <paramref name="count"/> of the texts greedily, each time the one that leaves the picked set with the highest
    /// distinct-2 (ties go to the earlier text): maximal marginal relevance (Carbonell &amp; Goldstein 1998) with distinct-2
    /// as the whole objective. Returns the picked indices in ascending order; all of them when there are no more than
    /// <paramref name="count"/> texts.
    /// </summary>
    public static IReadOnlyList<int> SelectDiverse(IReadOnlyList<string> texts, int count)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count <= count) return Enumerable.Range(0, texts.Count).ToList();
        var bigrams = texts.Select(Bigrams).ToArray();
        var distinct = new HashSet<(string, string)>();
        var total = 0;
        var left = Enumerable.Range(0, texts.Count).ToList();
        var picked = new List<int>(count);
        while (picked.Count < count)
        {
            var best = -1;
            var bestScore = double.NegativeInfinity;
            foreach (var i in left)
            {
                var fresh = bigrams[i].Distinct().Count(b => !distinct.Contains(b));
                var all = total + bigrams[i].Length;
                var score = all == 0 ? 0 : (double)(distinct.Count + fresh) / all;
                if (score > bestScore + 1e-12) (best, bestScore) = (i, score);
            }
            picked.Add(best);
            left.Remove(best);
            distinct.UnionWith(bigrams[best]);
            total += bigrams[best].Length;
        }
        picked.Sort();
        return picked;
    }

    /// <summary>The adjacent pairs of lower-cased words (and slots) of a text, as distinct-2 counts them.</summary>
    private static (string, string)[] Bigrams(string text)
    {
        var words = CopyGuardrails.WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();
        var pairs = new (string, string)[Math.Max(0, words.Length - 1)];
        for (var i = 0; i + 1 < words.Length; i++) pairs[i] = (words[i], words[i + 1]);
        return pairs;
    }
}
