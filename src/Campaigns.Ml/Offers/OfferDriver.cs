namespace Campaigns.Ml.Offers;

/// <summary>
/// How much one feature's value moves an offer's expected incremental profit for one customer: the profit with the
/// customer's value minus the profit with the reference (the training median, or the most common level).
/// </summary>
public sealed record OfferDriver(string Feature, string Value, string Reference, double Change);
