using Campaigns.Analytics.Customers;

namespace Campaigns.Ml.Customers;

/// <summary>One blend a value backtest judged: the boosted model's weight and the blend's figures on actual spend.</summary>
public sealed record ValueCandidate(double Weight, ValueQuality Quality);
