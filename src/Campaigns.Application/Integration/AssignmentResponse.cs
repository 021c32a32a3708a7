namespace Campaigns.Application.Integration;

/// <summary>The arm a customer is in, with what to show them.</summary>
public sealed record AssignmentResponse(Guid CampaignId, string CustomerId, AssignedArm Arm, string? CouponCode, AssignedCopy? Copy, DateTime AssignedAt, bool IsNew);
