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
    /// <summary>
    /// The product of the order's largest line (price × quantity), what the customer models take the order to be about;
    /// kept on the order when its lines are written (see <see cref="MainProductOf"/>), since finding it among millions of
    /// lines at every read took as long as the rest of the read.
    /// </summary>
    public Guid? MainProductId { get; set; }
    public List<OrderLine> Lines { get; set; } = [];

    /// <summary>The product of the largest of <paramref name="lines"/> (the first of equals); null without lines.</summary>
    public static Guid? MainProductOf(IEnumerable<OrderLine> lines)
    {
        OrderLine? largest = null;
        foreach (var line in lines)
            if (largest is null || line.UnitPrice * line.Quantity > largest.UnitPrice * largest.Quantity) largest = line;
        return largest?.ProductId;
    }
}

public sealed class OrderLine : Entity
{
    public Guid OrderId { get; set; }
    public Guid ProductId { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Discount { get; set; }
}
