namespace Campaigns.Ml.Copy;

/// <summary>One line of the corpus: real text (not de-lexicalized) and, for shown copy, its impressions and clicks.</summary>
public sealed record CopyLine(string Text, CopyConditions Conditions, int Impressions = 0, int Clicks = 0);
