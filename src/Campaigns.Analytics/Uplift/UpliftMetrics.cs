namespace Campaigns.Analytics.Uplift;

// Uplift-ranking evaluation as scikit-uplift (qini_auc_score, uplift_auc_score, uplift_at_k 'overall', uplift_by_percentile),
// in one sort and one pass: the curves, their areas, uplift@k and the deciles are all read off the ranked prefix sums.
public static class UpliftMetrics
{
    private const int CurvePoints = 100;

    /// <summary>score: predicted effect per row (higher = target first); treated: row received the treatment; outcome: observed outcome (0/1 or amount).</summary>
    /// <exception cref="ArgumentException">Empty or mismatched inputs, a non-finite value, or only one arm present.</exception>
    public static UpliftEvaluation Evaluate(ReadOnlySpan<double> score, ReadOnlySpan<bool> treated, ReadOnlySpan<double> outcome)
    {
        var (binary, minOutcome, maxOutcome) = Validate(score, treated, outcome);
        var n = score.Length;
        var order = UpliftRanking.Order(score);

        var curve = new CurveIntegrator();
        var qini = new List<CurvePoint>(CurvePoints + 1) { new(0, 0, 0) };
        var gain = new List<CurvePoint>(CurvePoints + 1) { new(0, 0, 0) };
        var cuts = UpliftAtK.Percents.Select(p => UpliftAtK.Size(n, p)).ToArray();
        var atK = UpliftAtK.Percents.ToDictionary(p => p, _ => 0.0);
        var deciles = new List<DecileRow>(UpliftDeciles.Count);
        var bin = new DecileSums();
        int decile = 1, decileEnd = UpliftDeciles.Size(n, 1);
        long nextPercent = 1;
        for (var i = 0; i < n; i++)
        {
            var row = order[i];
            curve.Add(treated[row], outcome[row]);
            bin.Add(treated[row], outcome[row], score[row]);
            var count = i + 1;
            for (var k = 0; k < cuts.Length; k++)
                if (count == cuts[k]) atK[UpliftAtK.Percents[k]] = UpliftAtK.Value(curve.Treated, curve.TreatedOutcome, curve.Control, curve.ControlOutcome);
            if (count == decileEnd)
            {
                deciles.Add(UpliftDeciles.Row(decile, bin, binary, maxOutcome - minOutcome));
                bin = new DecileSums();
                if (++decile <= UpliftDeciles.Count) decileEnd += UpliftDeciles.Size(n, decile);
            }
            if (count < n && score[order[count]] == score[row]) continue;
            curve.Close();
            // Points where the curve first reaches each percent of the rows; a tie group spanning several percents is one step.
            if (count * 100L >= nextPercent * n)
            {
                qini.Add(new CurvePoint((double)count / n, count, curve.Qini));
                gain.Add(new CurvePoint((double)count / n, count, curve.Uplift));
                nextPercent = count * 100L / n + 1;
            }
        }

        var (perfectQini, perfectUplift) = PerfectRanking.Areas(treated, outcome, binary, curve);
        // Curve values are bounded by 2·max|y|·n, so areas by 2·max|y|·n²: a smaller perfect-minus-random area is rounding.
        var tolerance = 1e-12 * Math.Max(Math.Abs(minOutcome), Math.Abs(maxOutcome)) * n * (double)n;
        var end = curve.Qini;
        return new UpliftEvaluation(
            Normalized(curve.QiniArea, perfectQini, curve.Qini, n, tolerance),
            Normalized(curve.UpliftArea, perfectUplift, curve.Uplift, n, tolerance),
            0,
            qini,
            gain,
            qini.Select(p => p with { Value = end * p.Count / n }).ToList(),
            atK,
            deciles);
    }

    /// <summary>The normalized Qini coefficient of <see cref="Evaluate"/> alone.</summary>
    public static double QiniCoefficient(ReadOnlySpan<double> score, ReadOnlySpan<bool> treated, ReadOnlySpan<double> outcome) =>
        Evaluate(score, treated, outcome).QiniCoefficient;

    // (model − random)/(perfect − random) with random the chord from (0, 0) to the curve's end; 0 when perfect ≈ random.
    private static double Normalized(double model, double perfect, double end, int n, double tolerance)
    {
        var random = n * end / 2;
        var range = perfect - random;
        return range > tolerance ? (model - random) / range : 0;
    }

    private static (bool Binary, double Min, double Max) Validate(ReadOnlySpan<double> score, ReadOnlySpan<bool> treated, ReadOnlySpan<double> outcome)
    {
        if (score.Length != treated.Length || score.Length != outcome.Length)
            throw new ArgumentException($"score, treated and outcome must have the same length (got {score.Length}, {treated.Length}, {outcome.Length}).");
        if (score.Length == 0) throw new ArgumentException("Uplift metrics need at least one row.");
        bool binary = true, anyTreated = false, anyControl = false;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < score.Length; i++)
        {
            if (!double.IsFinite(score[i])) throw new ArgumentException($"score[{i}] is {score[i]}; scores must be finite.");
            var y = outcome[i];
            if (!double.IsFinite(y)) throw new ArgumentException($"outcome[{i}] is {y}; outcomes must be finite.");
            binary &= y is 0 or 1;
            (min, max) = (Math.Min(min, y), Math.Max(max, y));
            if (treated[i]) anyTreated = true; else anyControl = true;
        }
        if (!anyTreated || !anyControl)
            throw new ArgumentException($"Uplift metrics need both treated and control rows; there are no {(anyTreated ? "control" : "treated")} rows.");
        return (binary, min, max);
    }
}
