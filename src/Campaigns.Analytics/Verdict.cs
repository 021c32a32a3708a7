namespace Campaigns.Analytics;

/// <summary>The verdict of the engine a manager reads, and the engines that read the same data differently.</summary>
public sealed record Verdict(EngineReading Reading, IReadOnlyList<EngineReading> Disagreeing)
{
    public VerdictAction Action => Reading.Action;
    public bool EnginesAgree => Disagreeing.Count == 0;
}
