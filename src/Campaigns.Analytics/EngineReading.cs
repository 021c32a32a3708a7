namespace Campaigns.Analytics;

/// <summary>How one engine's report reads.</summary>
/// <param name="Arm">The arm the action is about (the leading arm on the primary metric), if any.</param>
/// <param name="Because">The comparison the action rests on: the fallen guardrail, or the leading arm's primary metric.</param>
public sealed record EngineReading(AnalysisEngine Engine, VerdictAction Action, string? Arm, MetricComparison? Because)
{
    /// <summary>Ship, stop or do not ship: the engine found something significant.</summary>
    public bool IsConclusive => Action is VerdictAction.Ship or VerdictAction.Stop or VerdictAction.DoNotShip;
}
