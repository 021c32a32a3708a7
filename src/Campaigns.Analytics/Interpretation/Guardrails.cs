namespace Campaigns.Analytics;

/// <summary>Guardrails derived from the promotion: what the discount costs and how much of the lift was bought.</summary>
public sealed record Guardrails(string Arm, double? DiscountPerOrder, double? MarginPerExposedLift, double? ShareWhoWouldHaveBoughtAnyway, bool WinsOnConversionLosesMargin);
