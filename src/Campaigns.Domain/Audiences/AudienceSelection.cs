namespace Campaigns.Domain.Audiences;

/// <summary>
/// How the model narrows the rule-based segment: not at all, the top share by uplift, above an uplift, or within a budget;
/// or, for a campaign with several offers, the offer plan (every eligible customer, each with the offer chosen for them or none).
/// </summary>
public enum AudienceSelection { Everyone, TopPercent, UpliftAbove, Budget, OfferPlan }
