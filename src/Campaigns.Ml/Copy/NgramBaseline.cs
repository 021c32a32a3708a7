namespace Campaigns.Ml.Copy;

/// <summary>
/// Count-based baselines on the same token sequences and the same split as the neural model: an add-one unigram model
/// and a bigram model linearly interpolated with it (Jelinek &amp; Mercer 1980), the weight chosen on the validation lines.
/// Each sequence is scored on its text tokens and &lt;eos&gt;; the bigram's first context is the last control token.
/// </summary>
internal sealed class NgramBaseline
{
    private readonly double[] _unigram;
    private readonly Dictionary<(int, int), int> _bigrams = [];
    private readonly Dictionary<int, int> _contexts = [];

    public NgramBaseline(IEnumerable<int[]> sequences, int vocabulary, int controlLength)
    {
        var counts = new double[vocabulary];
        var total = 0.0;
        foreach (var s in sequences)
        {
            for (var t = controlLength; t < s.Length; t++)
            {
                counts[s[t]]++;
                total++;
                _bigrams[(s[t - 1], s[t])] = _bigrams.GetValueOrDefault((s[t - 1], s[t])) + 1;
                _contexts[s[t - 1]] = _contexts.GetValueOrDefault(s[t - 1]) + 1;
            }
        }
        _unigram = counts.Select(c => (c + 1) / (total + vocabulary)).ToArray();
        ControlLength = controlLength;
    }

    public int ControlLength { get; }
    public double Lambda { get; private set; } = 0.9;

    public double UnigramPerplexity(IEnumerable<int[]> sequences) => Perplexity(sequences, (_, w) => _unigram[w]);

    public double BigramPerplexity(IEnumerable<int[]> sequences) => Perplexity(sequences, Bigram);

    /// <summary>Picks the interpolation weight with the lowest perplexity on these (validation) sequences.</summary>
    public void Tune(IReadOnlyList<int[]> validation)
    {
        if (validation.Count == 0) return;
        var best = double.PositiveInfinity;
        foreach (var lambda in new[] { 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98 })
        {
            Lambda = lambda;
            var p = BigramPerplexity(validation);
            if (p < best) (best, Lambda) = (p, lambda);
        }
    }

    private double Bigram(int previous, int word)
    {
        var context = _contexts.GetValueOrDefault(previous);
        var ml = context == 0 ? 0 : (double)_bigrams.GetValueOrDefault((previous, word)) / context;
        return context == 0 ? _unigram[word] : Lambda * ml + (1 - Lambda) * _unigram[word];
    }

    private double Perplexity(IEnumerable<int[]> sequences, Func<int, int, double> probability)
    {
        var nll = 0.0;
        var n = 0L;
        foreach (var s in sequences)
            for (var t = ControlLength; t < s.Length; t++)
            {
                nll -= Math.Log(probability(s[t - 1], s[t]));
                n++;
            }
        return n == 0 ? double.NaN : Math.Exp(nll / n);
    }
}
