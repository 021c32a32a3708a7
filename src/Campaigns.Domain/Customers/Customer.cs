namespace Campaigns.Domain.Customers;

/// <summary>The device a customer shops on; <see cref="Unknown"/> when no source said (last, so stored values keep their meaning).</summary>
public enum Device { Desktop, Mobile, Tablet, Unknown }

public sealed class Customer : Entity
{
    /// <summary>The id the store knows the customer by; imports upsert on it.</summary>
    public required string ExternalId { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public required string Region { get; set; }
    public Device Device { get; set; } = Device.Unknown;
    public DateTime SignedUpAt { get; set; }
    public bool EmailOptIn { get; set; } = true;
    /// <summary>Extra attributes from imports, as a JSON object of strings.</summary>
    public string? CustomAttributesJson { get; set; }
    public CustomerBehaviour Behaviour { get; set; } = new();
    /// <summary>The predictions of the current customer-insights model; null until the customer has orders and a scoring ran.</summary>
    public CustomerScore? Score { get; set; }
}

/// <summary>Aggregates over a customer's orders and engagement, kept up to date by a background job.</summary>
public sealed class CustomerBehaviour
{
    public int OrderCount { get; set; }
    public decimal TotalSpend { get; set; }
    public decimal AverageOrderValue { get; set; }
    public DateTime? FirstOrderAt { get; set; }
    public DateTime? LastOrderAt { get; set; }
    /// <summary>Items bought over all orders (the sum of the lines' quantities): with <see cref="OrderCount"/>, items per order.</summary>
    public int ItemCount { get; set; }
    /// <summary>Share of past orders that used a discount (0..1).</summary>
    public double DiscountShare { get; set; }
    /// <summary>Share of exposures the customer clicked or opened (0..1).</summary>
    public double Engagement { get; set; }
    public Guid? TopCategoryId { get; set; }
    public DateTime? ComputedAt { get; set; }

    public int? RecencyDays(DateTime asOf) => LastOrderAt is { } last ? (int)(asOf - last).TotalDays : null;
}
