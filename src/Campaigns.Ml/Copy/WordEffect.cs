namespace Campaigns.Ml.Copy;

/// <summary>A word and how much the predicted CTR falls when it is left out (positive: the word pushes CTR up).</summary>
public sealed record WordEffect(string Word, double Delta);
