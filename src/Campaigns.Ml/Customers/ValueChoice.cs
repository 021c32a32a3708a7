using Campaigns.Analytics.Customers;

namespace Campaigns.Ml.Customers;

/// <summary>Whether the boosted value model is used, and the held-out figures of it and of the BG/NBD + Gamma-Gamma baseline that decided.</summary>
public sealed record ValueChoice(bool Boosted, ValueQuality? BoostedQuality, ValueQuality? BaselineQuality, int HeldOutCustomers, string Reason);
