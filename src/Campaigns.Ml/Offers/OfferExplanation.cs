namespace Campaigns.Ml.Offers;

/// <summary>One offer's expected incremental profit for a customer and the features that drive it most, largest first.</summary>
public sealed record OfferExplanation(int Arm, string Offer, double IncrementalProfit, IReadOnlyList<OfferDriver> Drivers);
