using Campaigns.Domain.Customers;

namespace Campaigns.Domain.Audiences;

/// <summary>How the model narrows the rule-based segment: not at all, the top share by uplift, above an uplift, or within a budget.</summary>
public enum AudienceSelection { Everyone, TopPercent, UpliftAbove, Budget }

/// <summary>Targeted: chosen by the model. Random: drawn at random from the eligible customers, to measure the model's lift over random targeting.</summary>
public enum AudienceCell { Targeted, Random }

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
        parts.AddRange(Attributes.Select(a => $"{a.Key} = {a.Value}"));
        return parts.Count == 0 ? "All customers" : string.Join("; ", parts);
    }
}

/// <summary>
/// Who a campaign is sent to: the customers its rules let through, narrowed by the uplift model, with their
/// expected effect as the model saw it when the audience was built. The assignment API admits only its members;
/// the experiment's holdout is drawn from them, so the campaign's lift is measured on the audience itself.
/// </summary>
public sealed class Audience : Entity
{
    public Guid CampaignId { get; set; }
    public string RulesJson { get; set; } = "{}";
    public AudienceSelection Selection { get; set; }
    public double? TopPercent { get; set; }
    public double? UpliftThreshold { get; set; }
    public decimal? Budget { get; set; }
    /// <summary>Share of eligible customers drawn at random as a second, untargeted cell (0 = none).</summary>
    public double RandomCellShare { get; set; }
    public Guid? ModelVersionId { get; set; }
    public int Eligible { get; set; }
    public int Targeted { get; set; }
    public int RandomCell { get; set; }
    /// <summary>Eligible customers the model expects the promotion to put off (negative effect), left out.</summary>
    public int PutOff { get; set; }
    public double ExpectedConversions { get; set; }
    public double ExpectedConversionsLow { get; set; }
    public double ExpectedConversionsHigh { get; set; }
    public double ExpectedProfit { get; set; }
    public double ExpectedProfitLow { get; set; }
    public double ExpectedProfitHigh { get; set; }
    public double ExpectedCost { get; set; }
    /// <summary>Profit by audience size along the ranking, as JSON points, for the cost curve.</summary>
    public string CurveJson { get; set; } = "[]";
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>One customer of an audience, with the model's prediction for them at build time (kept for monitoring).</summary>
public sealed class AudienceMember
{
    public Guid AudienceId { get; set; }
    public Guid CustomerId { get; set; }
    public AudienceCell Cell { get; set; }
    /// <summary>1 = the most profitable customer to target; random-cell members are ranked after the targeted ones.</summary>
    public int Rank { get; set; }
    public double PredictedUplift { get; set; }
    public double ExpectedProfit { get; set; }
}
