namespace Campaigns.Application.Customers;

/// <summary>One of a customer's orders; the campaign is set when the order converted one.</summary>
public sealed record CustomerOrder(Guid Id, DateTime PlacedAt, decimal Subtotal, decimal Discount, decimal Total, string? CouponCode, int Items,
    Guid? CampaignId, string? CampaignName);
