namespace Campaigns.Analytics;

// Sample ratio mismatch: Pearson's chi-square goodness of fit of exposed units to the planned split
// (Fabijan et al., "Diagnosing Sample Ratio Mismatch in Online Controlled Experiments", KDD 2019), flagged at p < 0.001.
public static class SampleRatioMismatch
{
    public const double DefaultThreshold = 0.001;

    /// <summary>
    /// χ² = Σ (observed − expected)²/expected over arms with a positive planned share, df = arms − 1.
    /// Defined answers: fewer than two arms or no units → p = 1, no mismatch; units in an arm planned at 0 → p = 0, mismatch.
    /// </summary>
    public static SampleRatioMismatchResult Test(IReadOnlyList<long> observed, IReadOnlyList<double> plannedAllocation, double threshold = DefaultThreshold)
    {
        if (observed.Count != plannedAllocation.Count) throw new ArgumentException("One planned allocation per arm is needed.");
        var totalShare = plannedAllocation.Where(a => a > 0 && double.IsFinite(a)).Sum();
        var total = observed.Sum();
        var expected = plannedAllocation.Select(a => totalShare > 0 && a > 0 && double.IsFinite(a) ? total * a / totalShare : 0).ToArray();
        var arms = plannedAllocation.Count(a => a > 0 && double.IsFinite(a));
        if (total <= 0 || observed.Any(o => o < 0)) return new SampleRatioMismatchResult(0, Math.Max(0, arms - 1), 1, false, expected, Math.Max(0, total));
        if (observed.Where((o, i) => expected[i] == 0 && o > 0).Any()) return new SampleRatioMismatchResult(double.MaxValue, Math.Max(0, arms - 1), 0, true, expected, total);
        if (arms < 2) return new SampleRatioMismatchResult(0, 0, 1, false, expected, total);
        var chi = observed.Select((o, i) => expected[i] > 0 ? (o - expected[i]) * (o - expected[i]) / expected[i] : 0).Sum();
        var p = ChiSquare.Survival(chi, arms - 1);
        return new SampleRatioMismatchResult(chi, arms - 1, p, p < threshold, expected, total);
    }
}

/// <summary>Goodness-of-fit result; <see cref="Expected"/> holds the expected units per arm in input order, <see cref="Units"/> the units observed in all.</summary>
public sealed record SampleRatioMismatchResult(double ChiSquare, int DegreesOfFreedom, double PValue, bool IsMismatch, IReadOnlyList<double> Expected, long Units)
{
    /// <summary>No unit was exposed: p = 1 then says nothing about the split.</summary>
    public bool HasTraffic => Units > 0;
}
