using Campaigns.Domain.Copy;

namespace Campaigns.Ml.Copy;

/// <summary>The tone a line reads as, and the classifier's probability for it.</summary>
public sealed record TonePrediction(Tone Tone, double Probability);
