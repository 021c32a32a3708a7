namespace Campaigns.Domain.Audiences;

/// <summary>How the model narrows the rule-based segment: not at all, the top share by uplift, above an uplift, or within a budget.</summary>
public enum AudienceSelection { Everyone, TopPercent, UpliftAbove, Budget }
