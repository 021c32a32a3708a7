namespace Campaigns.Analytics;

// Conversion lift by segment: two-proportion tests (see TwoProportionTest) with one multiple-testing correction across
// every segment test, since reading many segments is exactly where chance findings hide.
public static class SegmentAnalysis
{
    /// <summary>Segments with fewer units than this in any arm are pooled into "Other", so every test has enough customers to mean something.</summary>
    public const int MinimumUnits = 200;

    /// <param name="counts">Units per dimension, segment and arm; dimensions are reported in the order they first appear.</param>
    /// <param name="arms">Arm names in display order.</param>
    public static IReadOnlyList<SegmentResult> Compare(IReadOnlyList<SegmentCounts> counts, IReadOnlyList<string> arms, string control, CorrectionMethod correction,
        double confidenceLevel)
    {
        var results = new List<SegmentResult>();
        foreach (var dimension in counts.GroupBy(c => c.Dimension))
        {
            var bySegment = dimension.GroupBy(c => (c.Segment, c.Arm)).ToDictionary(g => g.Key, g => (Units: g.Sum(x => x.Units), Converters: g.Sum(x => x.Converters)));
            string Bucket(string segment) => arms.All(a => bySegment.GetValueOrDefault((segment, a)).Units >= MinimumUnits) ? segment : "Other";
            var pooled = bySegment.GroupBy(kv => (Segment: Bucket(kv.Key.Segment), kv.Key.Arm))
                .ToDictionary(g => g.Key, g => (Units: g.Sum(x => x.Value.Units), Converters: g.Sum(x => x.Value.Converters)));
            foreach (var segment in pooled.Keys.Select(k => k.Segment).Distinct().Order())
            {
                if (!pooled.TryGetValue((segment, control), out var c) || c.Units < 2) continue;
                foreach (var arm in arms.Where(a => a != control))
                {
                    if (!pooled.TryGetValue((segment, arm), out var t) || t.Units < 2) continue;
                    var r = TwoProportionTest.Compare(c.Converters, c.Units, t.Converters, t.Units, confidenceLevel);
                    results.Add(new SegmentResult(dimension.Key, segment, arm, c.Units, t.Units, r.ControlRate, r.TreatmentRate, r.AbsoluteLift, r.LiftLow, r.LiftHigh, r.PValue, r.PValue));
                }
            }
        }
        var adjusted = MultipleComparisons.Adjust(results.Select(r => r.PValue).ToList(), correction);
        return results.Select((r, i) => r with { AdjustedPValue = adjusted[i] }).ToList();
    }
}
