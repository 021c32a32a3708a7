namespace Campaigns.Analytics.Customers;

/// <summary>One order: who, on which day, for how much; the category and the discount given are optional (null when unknown).</summary>
public readonly record struct Order(string CustomerId, DateOnly Date, double Amount, string? Category = null, double? Discount = null);
