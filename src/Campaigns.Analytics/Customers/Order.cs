namespace Campaigns.Analytics.Customers;

/// <summary>
/// One order: who, on which day, for how much; the category, the discount given and the product (the key of the order's
/// main product, e.g. its largest line) are optional (null when unknown).
/// </summary>
public readonly record struct Order(string CustomerId, DateOnly Date, double Amount, string? Category = null, double? Discount = null, string? Product = null);
