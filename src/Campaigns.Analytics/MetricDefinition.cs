namespace Campaigns.Analytics;

/// <summary>A metric as analysed: its kind, which direction is good, and the unit its values are in.</summary>
public sealed record MetricDefinition(string Name, MetricKind Kind, bool HigherIsBetter = true, MetricUnit Unit = MetricUnit.Number);
