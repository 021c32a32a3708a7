namespace Campaigns.Analytics.Uplift;

// scikit-uplift's optimum curves. perfect_qini_curve (negative_effect=True) ranks by y·t − y·(1 − t): treated responders first,
// control responders last. perfect_uplift_curve ranks by 2·[y = t] + (y if control responders outnumber treated non-responders,
// else t): treated responders, control non-responders, then those two groups. sklift defines both for 0/1 outcomes only; for
// amounts both use the y·t − y·(1 − t) oracle (treated by outcome descending, then controls by outcome ascending).
internal static class PerfectRanking
{
    public static (double QiniArea, double UpliftArea) Areas(ReadOnlySpan<bool> treated, ReadOnlySpan<double> outcome, bool binary, in CurveIntegrator totals)
    {
        if (binary)
        {
            int tr = (int)totals.TreatedOutcome, tn = totals.Treated - tr, cr = (int)totals.ControlOutcome, cn = totals.Control - cr;
            var qini = Blocks([(tr, tr, 0, 0), (tn, 0, cn, 0), (0, 0, cr, cr)]).QiniArea;
            var uplift = Blocks(cr > tn
                ? [(tr, tr, 0, 0), (0, 0, cn, 0), (0, 0, cr, cr), (tn, 0, 0, 0)]
                : [(tr, tr, 0, 0), (0, 0, cn, 0), (tn, 0, 0, 0), (0, 0, cr, cr)]).UpliftArea;
            return (qini, uplift);
        }

        var n = outcome.Length;
        var keys = new double[n];
        var rows = new int[n];
        for (var i = 0; i < n; i++) (keys[i], rows[i]) = (treated[i] ? -outcome[i] : outcome[i], i);
        Array.Sort(keys, rows);
        var curve = new CurveIntegrator();
        for (var i = 0; i < n; i++)
        {
            curve.Add(treated[rows[i]], outcome[rows[i]]);
            if (i + 1 == n || keys[i + 1] != keys[i]) curve.Close();
        }
        return (curve.QiniArea, curve.UpliftArea);
    }

    /// <summary>Curves over tie groups given as (treated, treated outcome, control, control outcome); empty groups are no step.</summary>
    private static CurveIntegrator Blocks(ReadOnlySpan<(int Treated, double TreatedOutcome, int Control, double ControlOutcome)> groups)
    {
        var curve = new CurveIntegrator();
        foreach (var g in groups)
        {
            if (g.Treated + g.Control == 0) continue;
            curve.Add(g.Treated, g.TreatedOutcome, g.Control, g.ControlOutcome);
            curve.Close();
        }
        return curve;
    }
}
