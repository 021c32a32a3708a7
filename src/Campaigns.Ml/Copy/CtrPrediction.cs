namespace Campaigns.Ml.Copy;

/// <summary>Predicted CTR with a 90% bootstrap interval and the words that move it most.</summary>
public sealed record CtrPrediction(double Ctr, double Low, double High, IReadOnlyList<WordEffect> Up, IReadOnlyList<WordEffect> Down);
