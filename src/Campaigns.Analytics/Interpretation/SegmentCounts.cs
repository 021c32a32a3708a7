namespace Campaigns.Analytics;

/// <summary>Exposed and converted units of one arm within one segment of a dimension (e.g. Region = "North").</summary>
public sealed record SegmentCounts(string Dimension, string Segment, string Arm, long Units, long Converters);
