using Campaigns.Application.Targeting;

namespace Campaigns.Application.Offers;

/// <summary>An offer model version's stored evaluation and features, as the Models page shows them (each null when unreadable).</summary>
public sealed record OfferVersionDetails(OfferModelMetrics? Metrics, UpliftFeatureList? Features);
