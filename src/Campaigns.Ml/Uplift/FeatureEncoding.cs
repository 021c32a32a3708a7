namespace Campaigns.Ml.Uplift;

/// <summary>
/// How a model turns dataset columns into its feature vector: numerics as they are (trees handle NaN), or imputed
/// with the training mean and standardized (the neural net); categoricals one-hot on the most frequent training
/// levels plus one slot for every other value (rare, unseen or missing).
/// </summary>
internal sealed class FeatureEncoding
{
    public const int MaxLevels = 30;

    public FeatureEncoding(IReadOnlyList<string> numeric, float[] means, float[] stds, IReadOnlyList<string> categorical, string[][] levels)
    {
        if (means.Length != numeric.Count || stds.Length != numeric.Count || levels.Length != categorical.Count)
            throw new InvalidDataException("The feature encoding's lists do not match its feature names.");
        Numeric = numeric;
        Means = means;
        Stds = stds;
        Categorical = categorical;
        Levels = levels;
        Width = numeric.Count + levels.Sum(l => l.Length + 1);
    }

    public IReadOnlyList<string> Numeric { get; }
    public float[] Means { get; }
    public float[] Stds { get; }
    public IReadOnlyList<string> Categorical { get; }
    public string[][] Levels { get; }
    public int Width { get; }

    /// <summary>Learns levels, means and standard deviations from the rows' features (never their outcomes).</summary>
    public static FeatureEncoding Fit(UpliftDataset data)
    {
        var means = new float[data.NumericFeatures.Count];
        var stds = new float[means.Length];
        for (var j = 0; j < means.Length; j++)
        {
            double sum = 0, sumSq = 0;
            long n = 0;
            foreach (var v in data.NumericColumn(j))
            {
                if (float.IsNaN(v)) continue;
                sum += v;
                sumSq += (double)v * v;
                n++;
            }
            var mean = n == 0 ? 0 : sum / n;
            var variance = n < 2 ? 0 : Math.Max(0, (sumSq - n * mean * mean) / (n - 1));
            means[j] = (float)mean;
            stds[j] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }
        var levels = new string[data.CategoricalFeatures.Count][];
        for (var c = 0; c < levels.Length; c++)
        {
            var values = data.CategoricalValues(c);
            var counts = new int[values.Count];
            foreach (var code in data.CategoricalCodes(c)) if (code >= 0) counts[code]++;
            levels[c] = Enumerable.Range(0, counts.Length).OrderByDescending(i => counts[i]).ThenBy(i => values[i], StringComparer.Ordinal)
                .Take(MaxLevels).Select(i => values[i]).ToArray();
        }
        return new FeatureEncoding(data.NumericFeatures, means, stds, data.CategoricalFeatures, levels);
    }

    /// <summary>Row-major rows x Width matrix of the dataset's features, matched by column name.</summary>
    public float[] Encode(UpliftDataset data, bool standardize)
    {
        var n = data.Count;
        var x = new float[(long)n * Width];
        for (var j = 0; j < Numeric.Count; j++)
        {
            var column = IndexOf(data.NumericFeatures, Numeric[j], "numeric");
            var values = data.NumericColumn(column);
            var (mean, std) = (Means[j], Stds[j]);
            for (var r = 0; r < n; r++)
            {
                var v = values[r];
                x[(long)r * Width + j] = !standardize ? v : float.IsNaN(v) ? 0f : (v - mean) / std;
            }
        }
        var offset = Numeric.Count;
        for (var c = 0; c < Categorical.Count; c++)
        {
            var column = IndexOf(data.CategoricalFeatures, Categorical[c], "categorical");
            var other = Levels[c].Length;
            var slotOfLevel = Levels[c].Select((level, slot) => (level, slot)).ToDictionary(p => p.level, p => p.slot, StringComparer.Ordinal);
            var slotOfCode = data.CategoricalValues(column).Select(v => slotOfLevel.GetValueOrDefault(v, other)).ToArray();
            var codes = data.CategoricalCodes(column);
            for (var r = 0; r < n; r++)
                x[(long)r * Width + offset + (codes[r] < 0 ? other : slotOfCode[codes[r]])] = 1f;
            offset += other + 1;
        }
        return x;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name, string kind)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        throw new ArgumentException($"The rows have no {kind} feature '{name}', which the model was trained on.");
    }
}
