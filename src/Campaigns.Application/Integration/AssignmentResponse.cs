namespace Campaigns.Application.Integration;

/// <summary>The arm a customer is in, with what to show them.</summary>
/// <param name="CouponCode">The offer's coupon code (the same as <c>Offer.CouponCode</c>, kept for senders that read only it).</param>
/// <param name="Offer">The offer the customer gets; null in the holdout, and in the model's choice when the plan gives them none.</param>
/// <param name="Customer">The customer's latest predictions; null until they have orders and were scored.</param>
public sealed record AssignmentResponse(Guid CampaignId, string CustomerId, AssignedArm Arm, string? CouponCode, AssignedCopy? Copy, DateTime AssignedAt, bool IsNew,
    AssignedOffer? Offer, CustomerInsight? Customer);
