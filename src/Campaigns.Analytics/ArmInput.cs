namespace Campaigns.Analytics;

/// <summary>One arm: planned share of traffic, exposed units (for the sample-ratio check) and one summary per metric name.</summary>
public sealed record ArmInput(string Name, bool IsControl, double PlannedAllocation, long Exposed, IReadOnlyDictionary<string, MetricSummary> Metrics);
