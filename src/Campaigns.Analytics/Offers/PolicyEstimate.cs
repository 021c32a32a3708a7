namespace Campaigns.Analytics.Offers;

/// <summary>A policy's value per customer by inverse propensity scoring and by doubly robust scoring.</summary>
public sealed record PolicyEstimate(ValueEstimate Ips, ValueEstimate Dr);
