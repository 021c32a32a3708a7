namespace Campaigns.Application.Customers;

/// <summary>
/// A campaign's experiment the customer was assigned to, and what the rollup counted for them in it: exposure,
/// conversion and revenue stay empty until their events are rolled up.
/// </summary>
public sealed record CustomerCampaign(Guid CampaignId, string CampaignName, string ArmName, bool IsControl, DateTime AssignedAt, DateTime? ExposedAt,
    bool Converted, double Revenue);
