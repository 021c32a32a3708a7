namespace Campaigns.Analytics.Tests.Interpretation;

public class SegmentAnalysisTests
{
    private static readonly string[] Arms = ["Control", "B"];

    [Fact]
    public void Segments_too_small_in_any_arm_are_pooled_into_other()
    {
        SegmentCounts[] counts =
        [
            new("Region", "North", "Control", 1_000, 50), new("Region", "North", "B", 1_000, 70),
            new("Region", "East", "Control", 150, 5), new("Region", "East", "B", 300, 12),
            new("Region", "West", "Control", 300, 10), new("Region", "West", "B", 100, 6),
        ];

        var results = SegmentAnalysis.Compare(counts, Arms, "Control", CorrectionMethod.None, 0.95);

        Assert.Equal(["North", "Other"], results.Select(r => r.Segment));
        var other = results.Single(r => r.Segment == "Other");
        Assert.Equal((450, 400), (other.ControlUnits, other.ArmUnits));
        var expected = TwoProportionTest.Compare(15, 450, 18, 400);
        Assert.Equal(expected.AbsoluteLift, other.Lift, 12);
        Assert.Equal(expected.PValue, other.PValue, 12);
    }

    [Fact]
    public void One_correction_runs_across_every_segment_of_every_dimension()
    {
        SegmentCounts[] counts =
        [
            new("Region", "North", "Control", 1_000, 50), new("Region", "North", "B", 1_000, 80),
            new("Device", "Mobile", "Control", 1_000, 50), new("Device", "Mobile", "B", 1_000, 60),
        ];

        var raw = SegmentAnalysis.Compare(counts, Arms, "Control", CorrectionMethod.None, 0.95);
        var holm = SegmentAnalysis.Compare(counts, Arms, "Control", CorrectionMethod.Holm, 0.95);

        Assert.Equal(["Region", "Device"], holm.Select(r => r.Dimension));
        Assert.Equal(Holm.Adjust(raw.Select(r => r.PValue).ToList()), holm.Select(r => r.AdjustedPValue));
    }
}
