namespace Campaigns.Domain.Catalog;

public sealed class Category : Entity
{
    public required string Name { get; set; }
}

public sealed class Product : Entity
{
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public Guid CategoryId { get; set; }
    public Category? Category { get; set; }
    public decimal Price { get; set; }
    public decimal Cost { get; set; }
    public bool IsActive { get; set; } = true;

    public decimal Margin => Price - Cost;
    public double MarginRate => Price == 0 ? 0 : (double)(Margin / Price);
}
