namespace Campaigns.Ml.Copy;

/// <summary>A candidate that passed every guardrail: its template (with slots), the filled text, and whether it is new.</summary>
public sealed record CopyCandidate(string Text, string Template);
