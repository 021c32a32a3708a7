namespace Campaigns.Analytics.Monitoring;

/// <summary>
/// Population stability index between a reference distribution (the training window) and a current one, over bins
/// fixed on the reference: PSI = Σ (aᵢ − eᵢ) ln(aᵢ / eᵢ). Rule of thumb: below 0.1 stable, 0.1–0.25 moderate, above 0.25 major shift.
/// </summary>
/// <remarks>Reference: Siddiqi, Credit Risk Scorecards (2006), ch. 8; Yurdakul, "Statistical properties of the population stability index" (2018).</remarks>
public static class PopulationStability
{
    /// <summary>Shares below this are floored, so an empty bin gives a large but finite index rather than infinity.</summary>
    public const double Floor = 1e-4;

    public static double Index(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        if (expected.Count != actual.Count) throw new ArgumentException("Both distributions need the same bins.");
        if (expected.Count == 0) throw new ArgumentException("There are no bins to compare.");
        var psi = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (Math.Max(Floor, expected[i]), Math.Max(Floor, actual[i]));
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    /// <summary>Upper edges of up to <paramref name="bins"/> quantile bins of the reference values (missing values excluded, duplicates merged).</summary>
    public static double[] Edges(IEnumerable<double> reference, int bins = 10)
    {
        var sorted = reference.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return [];
        return Enumerable.Range(1, bins - 1).Select(k => sorted[(int)((long)k * (sorted.Length - 1) / bins)]).Distinct().ToArray();
    }

    /// <summary>
    /// Counts per bin: value ≤ edges[0], ..., > edges[^1], then one bin for missing values (NaN), so a feature that
    /// starts arriving empty shows as drift too.
    /// </summary>
    public static long[] Counts(IEnumerable<double> values, double[] edges)
    {
        var counts = new long[edges.Length + 2];
        foreach (var v in values) counts[Bin(v, edges)]++;
        return counts;
    }

    public static int Bin(double value, double[] edges)
    {
        if (double.IsNaN(value)) return edges.Length + 1;
        var i = Array.BinarySearch(edges, value);
        return i >= 0 ? i : ~i;
    }

    public static double[] Shares(IReadOnlyList<long> counts)
    {
        var total = counts.Sum();
        return counts.Select(c => total == 0 ? 0 : (double)c / total).ToArray();
    }
}
