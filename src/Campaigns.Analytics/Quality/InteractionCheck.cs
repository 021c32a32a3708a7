namespace Campaigns.Analytics;

// Two experiments that share customers can disturb each other in two ways: assignment in one depends on the other
// (Pearson's chi-square test of independence on the arms × arms table), or one's effect differs by the other's arm
// (Cochran's Q on the first experiment's lift measured within each of the second's arms; Kohavi, Tang & Xu,
// "Trustworthy Online Controlled Experiments", 2020, ch. 3 on interactions).
public static class InteractionCheck
{
    /// <summary>Assignment is flagged as dependent below this p-value, as a sample ratio mismatch is.</summary>
    public const double DependenceThreshold = SampleRatioMismatch.DefaultThreshold;

    /// <summary>An interaction is flagged below this p-value (Bonferroni-corrected over the first experiment's treated arms).</summary>
    public const double InteractionThreshold = 0.01;

    /// <param name="cells">cells[a][b]: the customers in arm a of the first experiment and arm b of the second, and how many converted.</param>
    /// <param name="control">The first experiment's control arm (row of <paramref name="cells"/>).</param>
    public static InteractionResult Test(IReadOnlyList<IReadOnlyList<(long Units, long Converters)>> cells, int control)
    {
        var rows = cells.Count;
        var columns = rows == 0 ? 0 : cells[0].Count;
        if (cells.Any(r => r.Count != columns)) throw new ArgumentException("Every arm of the first experiment needs a cell for each arm of the second.");
        if (control < 0 || control >= rows) throw new ArgumentException("The control arm must be one of the first experiment's arms.");
        var shared = cells.Sum(r => r.Sum(c => c.Units));
        var (chi, df, dependence) = Independence(cells);
        var interaction = 1.0;
        var treated = Enumerable.Range(0, rows).Where(a => a != control).ToList();
        foreach (var a in treated)
            interaction = Math.Min(interaction, Math.Min(1, Heterogeneity(cells[a], cells[control]) * treated.Count));
        return new InteractionResult(shared, chi, df, dependence, dependence < DependenceThreshold, interaction, interaction < InteractionThreshold);
    }

    private static (double Chi, int Df, double P) Independence(IReadOnlyList<IReadOnlyList<(long Units, long Converters)>> cells)
    {
        var rowTotals = cells.Select(r => (double)r.Sum(c => c.Units)).ToArray();
        var columnTotals = Enumerable.Range(0, cells[0].Count).Select(b => (double)cells.Sum(r => r[b].Units)).ToArray();
        var total = rowTotals.Sum();
        var liveRows = rowTotals.Count(t => t > 0);
        var liveColumns = columnTotals.Count(t => t > 0);
        if (total <= 0 || liveRows < 2 || liveColumns < 2) return (0, 0, 1);
        var chi = 0.0;
        for (var a = 0; a < cells.Count; a++)
            for (var b = 0; b < columnTotals.Length; b++)
            {
                var expected = rowTotals[a] * columnTotals[b] / total;
                if (expected > 0) chi += (cells[a][b].Units - expected) * (cells[a][b].Units - expected) / expected;
            }
        var df = (liveRows - 1) * (liveColumns - 1);
        return (chi, df, ChiSquare.Survival(chi, df));
    }

    /// <summary>Cochran's Q p-value of the lift (treated − control conversion) being the same in every arm of the second experiment.</summary>
    private static double Heterogeneity(IReadOnlyList<(long Units, long Converters)> treated, IReadOnlyList<(long Units, long Converters)> control)
    {
        var lifts = new List<(double Lift, double Weight)>();
        for (var b = 0; b < treated.Count; b++)
        {
            var (nt, ct) = treated[b];
            var (nc, cc) = control[b];
            if (nt < 2 || nc < 2) continue;
            double pt = (double)ct / nt, pc = (double)cc / nc;
            var variance = pt * (1 - pt) / nt + pc * (1 - pc) / nc;
            // A cell with no variance (all or none converted) carries no information about the spread of the lift.
            if (variance <= 0) continue;
            lifts.Add((pt - pc, 1 / variance));
        }
        if (lifts.Count < 2) return 1;
        var pooled = lifts.Sum(l => l.Weight * l.Lift) / lifts.Sum(l => l.Weight);
        var q = lifts.Sum(l => l.Weight * (l.Lift - pooled) * (l.Lift - pooled));
        return ChiSquare.Survival(q, lifts.Count - 1);
    }
}
