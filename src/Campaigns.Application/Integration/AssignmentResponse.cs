namespace Campaigns.Application.Integration;

/// <summary>The arm a customer is in, with what to show them.</summary>
/// <param name="CouponCode">The offer's coupon code (the same as <c>Offer.CouponCode</c>, kept for senders that read only it).</param>
/// <param name="Offer">The offer the customer gets; null in the holdout, and in the model's choice when the plan gives them none.</param>
/// <param name="Customer">
/// The customer's latest predictions; null until they have orders and were scored (a risk or a value the models never
/// computed is not answered as a number).
/// </param>
/// <param name="RecommendedProduct">
/// The product to merge into copy's "[Recommended product]" for every customer: their first top product, or the store's
/// best seller when they are not scored yet (as the audience export gives it); null only for a store without orders.
/// </param>
public sealed record AssignmentResponse(Guid CampaignId, string CustomerId, AssignedArm Arm, string? CouponCode, AssignedCopy? Copy, DateTime AssignedAt, bool IsNew,
    AssignedOffer? Offer, CustomerInsight? Customer, string? RecommendedProduct);
