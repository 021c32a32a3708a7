namespace Campaigns.Analytics.Uplift;

// Decile table as scikit-uplift uplift_by_percentile (strategy 'overall', bins=10): the ranking cut by np.array_split into
// ten bins (the first n mod 10 one row larger), observed treated − control mean in each with a 95% interval (Newcombe's
// hybrid score interval for 0/1 outcomes, Wald with sample variances for amounts), and the mean predicted score.
public static class UpliftDeciles
{
    public const int Count = 10;

    /// <summary>Rows in decile d (1-based) of n ranked rows.</summary>
    public static int Size(int rows, int decile) => rows / Count + (decile - 1 < rows % Count ? 1 : 0);

    /// <summary>
    /// One decile's row. <paramref name="outcomeRange"/> (max − min outcome) bounds the widest interval, given with an
    /// observed uplift of 0 when an arm is missing from the decile.
    /// </summary>
    internal static DecileRow Row(int decile, in DecileSums s, bool binaryOutcome, double outcomeRange)
    {
        var predicted = s.Treated + s.Control > 0 ? s.Score / (s.Treated + s.Control) : 0;
        if (s.Treated == 0 || s.Control == 0) return new DecileRow(decile, s.Treated, s.Control, predicted, 0, -outcomeRange, outcomeRange);
        var observed = s.TreatedOutcome / s.Treated - s.ControlOutcome / s.Control;
        if (binaryOutcome)
        {
            var (low, high) = Newcombe.Difference((long)s.TreatedOutcome, s.Treated, (long)s.ControlOutcome, s.Control);
            return new DecileRow(decile, s.Treated, s.Control, predicted, observed, low, high);
        }
        var treated = SampleMoments.Mean(s.Treated, s.TreatedOutcome, s.TreatedSquares);
        var control = SampleMoments.Mean(s.Control, s.ControlOutcome, s.ControlSquares);
        var half = Normal.Quantile(0.975) * Math.Sqrt(treated.Variance / s.Treated + control.Variance / s.Control);
        return new DecileRow(decile, s.Treated, s.Control, predicted, observed, observed - half, observed + half);
    }
}

/// <summary>Per-arm sums of one decile.</summary>
internal struct DecileSums
{
    public int Treated, Control;
    public double TreatedOutcome, TreatedSquares, ControlOutcome, ControlSquares, Score;

    public void Add(bool treated, double outcome, double score)
    {
        Score += score;
        if (treated) { Treated++; TreatedOutcome += outcome; TreatedSquares += outcome * outcome; }
        else { Control++; ControlOutcome += outcome; ControlSquares += outcome * outcome; }
    }
}
