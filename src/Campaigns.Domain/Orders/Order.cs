namespace Campaigns.Domain.Orders;

public sealed class Order : Entity
{
    public string? ExternalId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTime PlacedAt { get; set; }
    public decimal Subtotal { get; set; }
    public decimal Discount { get; set; }
    public decimal Shipping { get; set; }
    public decimal Total { get; set; }
    public string? CouponCode { get; set; }
    /// <summary>Set when the order converted a campaign.</summary>
    public Guid? CampaignId { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class OrderLine : Entity
{
    public Guid OrderId { get; set; }
    public Guid ProductId { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Discount { get; set; }
}
