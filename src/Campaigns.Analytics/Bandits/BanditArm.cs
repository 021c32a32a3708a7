namespace Campaigns.Analytics;

/// <summary>One arm's posterior mean rate, its probability of being the best arm, and the expected loss of choosing it for good.</summary>
public sealed record BanditArm(double Mean, double ProbabilityBest, double ExpectedLoss);
