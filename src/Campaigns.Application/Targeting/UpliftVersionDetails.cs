namespace Campaigns.Application.Targeting;

/// <summary>An uplift version's stored evaluation and features, as the Models page shows them (each null when unreadable).</summary>
public sealed record UpliftVersionDetails(UpliftModelMetrics? Metrics, UpliftFeatureList? Features);
