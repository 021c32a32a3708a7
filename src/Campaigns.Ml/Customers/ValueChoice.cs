using Campaigns.Analytics.Customers;

namespace Campaigns.Ml.Customers;

/// <summary>
/// How predicted value is made: <see cref="BoostedWeight"/> × the boosted model + (1 − it) × BG/NBD + Gamma-Gamma, the
/// weight chosen on a backtest as of <see cref="AsOf"/> (the latest day whose value horizon ends at the end of history),
/// with every candidate weight's figures on the actual spend of the <see cref="HeldOutCustomers"/> customers judged.
/// <see cref="BoostedQuality"/> and <see cref="BaselineQuality"/> are the figures of weights 1 and 0. A choice stored
/// before the blend (no <see cref="Weight"/>) took the boosted model whole or not at all.
/// </summary>
public sealed record ValueChoice(bool Boosted, ValueQuality? BoostedQuality, ValueQuality? BaselineQuality, int HeldOutCustomers, string Reason,
    double? Weight = null, DateOnly? AsOf = null, IReadOnlyList<ValueCandidate>? Candidates = null)
{
    /// <summary>The blends a backtest compares, as the boosted model's weight.</summary>
    public static readonly double[] Weights = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>Captures this close to the best are within the noise of one year's spend: the lower error then decides.</summary>
    public const double CaptureTolerance = 0.002;

    public double BoostedWeight => Weight ?? (Boosted ? 1 : 0);

    /// <summary>The value model in words: "gradient-boosted", "BG/NBD + Gamma-Gamma" or the blend of the two.</summary>
    public string Model => Describe(BoostedWeight);

    private static string Describe(double weight) => weight switch
    {
        0 => "BG/NBD + Gamma-Gamma",
        1 => "gradient-boosted",
        _ => $"{weight:0%} gradient-boosted + {1 - weight:0%} BG/NBD + Gamma-Gamma",
    };

    /// <summary>
    /// The blend whose top 20% capture the most of <paramref name="actual"/> spend, and among those within
    /// <see cref="CaptureTolerance"/> of it the one of lowest mean absolute error.
    /// </summary>
    public static ValueChoice Choose(ReadOnlySpan<double> boosted, ReadOnlySpan<double> baseline, ReadOnlySpan<double> actual, DateOnly asOf, string basis)
    {
        var n = actual.Length;
        if (n == 0 || boosted.Length != n || baseline.Length != n) throw new ArgumentException("Both models' predictions and the outcomes must be non-empty and of the same length.");
        var blend = new double[n];
        var candidates = new List<ValueCandidate>(Weights.Length);
        foreach (var w in Weights)
        {
            for (var i = 0; i < n; i++) blend[i] = w * boosted[i] + (1 - w) * baseline[i];
            candidates.Add(new ValueCandidate(w, ValueQuality.Evaluate(blend, actual)));
        }
        var best = candidates.Max(c => c.Quality.TopFifthCapture);
        var chosen = candidates.Where(c => c.Quality.TopFifthCapture >= best - CaptureTolerance).MinBy(c => c.Quality.MeanAbsoluteError)!;
        var reason = $"{Describe(chosen.Weight)}: its top 20% captured {chosen.Quality.TopFifthCapture:0.0%} of the spend after {asOf:yyyy-MM-dd} " +
            $"(boosted alone {candidates[^1].Quality.TopFifthCapture:0.0%}, BG/NBD alone {candidates[0].Quality.TopFifthCapture:0.0%}) at a mean error of {chosen.Quality.MeanAbsoluteError:0.00}; {basis}";
        return new ValueChoice(chosen.Weight > 0, candidates[^1].Quality, candidates[0].Quality, n, reason, chosen.Weight, asOf, candidates);
    }
}
