using Campaigns.Domain.Customers;

namespace Campaigns.Domain.Audiences;

/// <summary>Segment filters over customer attributes; an empty or null filter lets everyone through.</summary>
public sealed class AudienceRules
{
    public List<string> Regions { get; set; } = [];
    public List<Device> Devices { get; set; } = [];
    public int? MinOrders { get; set; }
    public int? MaxOrders { get; set; }
    public decimal? MinSpend { get; set; }
    /// <summary>Bought within this many days.</summary>
    public int? BoughtWithinDays { get; set; }
    /// <summary>Has not bought for at least this many days (lapsed customers); customers who never bought count as lapsed.</summary>
    public int? LapsedForDays { get; set; }
    /// <summary>Customer for at least this many days.</summary>
    public int? MinTenureDays { get; set; }
    public double? MinDiscountShare { get; set; }
    public double? MaxDiscountShare { get; set; }
    /// <summary>Churn risk (the chance of no order in the churn horizon) at least this, 0..1.</summary>
    public double? MinChurnRisk { get; set; }
    /// <summary>Purchase propensity (the chance of an order in the purchase horizon) at least this, 0..1.</summary>
    public double? MinPurchaseProbability { get; set; }
    /// <summary>Among the customers predicted to be worth most: the top this many percent by predicted value.</summary>
    public double? TopValuePercent { get; set; }
    /// <summary>Personas the customer must be in (any of them), by name.</summary>
    public List<string> Personas { get; set; } = [];
    /// <summary>Categories the customer is likely to buy from next (any of them among their top three by product affinity).</summary>
    public List<LikelyCategory> LikelyToBuy { get; set; } = [];
    /// <summary>Imported custom attributes the customer must have, name = value (exact match).</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Attributes.Keys.Any(string.IsNullOrWhiteSpace)) errors.Add("A custom attribute rule needs the attribute's name.");
        if (MinOrders < 0) errors.Add("Minimum orders cannot be negative.");
        if (MaxOrders < 0) errors.Add("Maximum orders cannot be negative.");
        if (MinOrders > MaxOrders) errors.Add("Minimum orders is above maximum orders.");
        if (MinSpend < 0) errors.Add("Minimum spend cannot be negative.");
        if (BoughtWithinDays <= 0) errors.Add("'Bought within' needs a number of days above zero.");
        if (LapsedForDays <= 0) errors.Add("'Lapsed for' needs a number of days above zero.");
        if (BoughtWithinDays is { } w && LapsedForDays is { } l && l >= w)
            errors.Add($"No customer can have bought within {w} days and be lapsed for {l} days.");
        if (MinTenureDays < 0) errors.Add("Minimum tenure cannot be negative.");
        if (MinDiscountShare is < 0 or > 1 || MaxDiscountShare is < 0 or > 1) errors.Add("Discount shares are between 0 and 1.");
        if (MinDiscountShare > MaxDiscountShare) errors.Add("Minimum discount share is above the maximum.");
        if (MinChurnRisk is < 0 or > 1) errors.Add("Churn risk is between 0% and 100%.");
        if (MinPurchaseProbability is < 0 or > 1) errors.Add("Purchase propensity is between 0% and 100%.");
        if (TopValuePercent is <= 0 or > 100) errors.Add("The top share by predicted value is a percent above 0 and at most 100.");
        return errors;
    }

    public string Describe()
    {
        var parts = new List<string>();
        if (Regions.Count > 0) parts.Add($"in {string.Join(", ", Regions)}");
        if (Devices.Count > 0) parts.Add($"on {string.Join(", ", Devices)}");
        if (MinOrders is { } mn) parts.Add($"at least {mn} orders");
        if (MaxOrders is { } mx) parts.Add($"at most {mx} orders");
        if (MinSpend is { } ms) parts.Add($"spent at least {ms:0.##}");
        if (BoughtWithinDays is { } w) parts.Add($"bought within {w} days");
        if (LapsedForDays is { } l) parts.Add($"no order for {l} days");
        if (MinTenureDays is { } t) parts.Add($"customer for {t}+ days");
        if (MinDiscountShare is { } a) parts.Add($"discount share ≥ {a:P0}");
        if (MaxDiscountShare is { } b) parts.Add($"discount share ≤ {b:P0}");
        if (MinChurnRisk is { } churn) parts.Add($"churn risk ≥ {churn:0.##}");
        if (MinPurchaseProbability is { } buy) parts.Add($"purchase propensity ≥ {buy:0.##}");
        if (TopValuePercent is { } top) parts.Add($"top {top:0.#}% by predicted value");
        if (Personas.Count > 0) parts.Add($"persona {string.Join(" or ", Personas)}");
        if (LikelyToBuy.Count > 0) parts.Add($"likely to buy {string.Join(" or ", LikelyToBuy.Select(c => c.Name))}");
        parts.AddRange(Attributes.Select(a => $"{a.Key} = {a.Value}"));
        return parts.Count == 0 ? "All customers" : string.Join("; ", parts);
    }
}
