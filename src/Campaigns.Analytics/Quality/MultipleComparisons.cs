using System.Text.Json.Serialization;

namespace Campaigns.Analytics;

[JsonConverter(typeof(JsonStringEnumConverter<CorrectionMethod>))]
public enum CorrectionMethod
{
    None,
    /// <summary>Holm's step-down procedure: controls the family-wise error rate.</summary>
    Holm,
    /// <summary>Benjamini–Hochberg step-up procedure: controls the false discovery rate.</summary>
    BenjaminiHochberg,
}

/// <summary>Adjusted p-values for a family of tests, in input order.</summary>
public static class MultipleComparisons
{
    public static double[] Adjust(IReadOnlyList<double> pValues, CorrectionMethod method) => method switch
    {
        CorrectionMethod.Holm => Holm.Adjust(pValues),
        CorrectionMethod.BenjaminiHochberg => BenjaminiHochberg.Adjust(pValues),
        _ => pValues.ToArray(),
    };
}

// Holm, "A simple sequentially rejective multiple test procedure", Scand. J. Statist. 1979: p̃₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1) p₍ⱼ₎).
public static class Holm
{
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}

// Benjamini & Hochberg, "Controlling the false discovery rate", JRSS B 1995: p̃₍ᵢ₎ = min_{j≥i} min(1, m p₍ⱼ₎ / j).
public static class BenjaminiHochberg
{
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m - 1; rank >= 0; rank--)
        {
            running = Math.Min(running, Math.Min(1, m * pValues[order[rank]] / (rank + 1)));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
