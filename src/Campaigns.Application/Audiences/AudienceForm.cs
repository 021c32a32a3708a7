using Campaigns.Application.Common;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Customers;

namespace Campaigns.Application.Audiences;

/// <summary>The audience builder's inputs as the form edits them (percents as the marketer types them).</summary>
public sealed class AudienceForm
{
    public IEnumerable<string> Regions { get; set; } = [];
    public IEnumerable<Device> Devices { get; set; } = [];
    public int? MinOrders { get; set; }
    public int? MaxOrders { get; set; }
    public decimal? MinSpend { get; set; }
    public int? BoughtWithinDays { get; set; }
    public int? LapsedForDays { get; set; }
    public int? MinTenureDays { get; set; }
    public double? MinDiscountPercent { get; set; }
    public double? MaxDiscountPercent { get; set; }
    /// <summary>In percent, as the marketer reads a risk ("churn risk above 60%").</summary>
    public double? MinChurnRiskPercent { get; set; }
    public double? MinPurchasePercent { get; set; }
    public double? TopValuePercent { get; set; }
    public IEnumerable<string> Personas { get; set; } = [];
    public IEnumerable<LikelyCategory> LikelyToBuy { get; set; } = [];
    public AudienceSelection Selection { get; set; } = AudienceSelection.Budget;
    public double? TopPercent { get; set; } = 20;
    /// <summary>In percentage points of purchase probability.</summary>
    public double? UpliftThresholdPoints { get; set; } = 1;
    public decimal? Budget { get; set; }
    public double RandomCellPercent { get; set; }
    public bool WeighRetention { get; set; }
    /// <summary>Imported custom attributes to match, "name=value" separated by ';' or new lines.</summary>
    public string? AttributeRules { get; set; }

    /// <summary>The request the form describes, or why not: a custom attribute rule that is not written name=value.</summary>
    public Result<AudienceRequest> ToRequest(Guid campaignId)
    {
        var rules = ToRules();
        return rules.Value is { } r
            ? new AudienceRequest(campaignId, r, Selection, TopPercent, UpliftThresholdPoints / 100, Budget, RandomCellPercent / 100, WeighRetention)
            : Result<AudienceRequest>.Invalid(nameof(AttributeRules), rules.Message!);
    }

    /// <summary>Who is eligible, as the form's rules say, or why not (the offer plan asks only this).</summary>
    public Result<AudienceRules> ToRules()
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (AttributeRules ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0) return Result<AudienceRules>.Invalid(nameof(AttributeRules), $"Write each custom attribute rule as name=value; \"{part}\" is not.");
            attributes[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }
        return new AudienceRules
        {
            Regions = Regions.ToList(), Devices = Devices.ToList(), MinOrders = MinOrders, MaxOrders = MaxOrders, MinSpend = MinSpend,
            BoughtWithinDays = BoughtWithinDays, LapsedForDays = LapsedForDays, MinTenureDays = MinTenureDays,
            MinDiscountShare = MinDiscountPercent / 100, MaxDiscountShare = MaxDiscountPercent / 100, Attributes = attributes,
            MinChurnRisk = MinChurnRiskPercent / 100, MinPurchaseProbability = MinPurchasePercent / 100, TopValuePercent = TopValuePercent,
            Personas = Personas.ToList(), LikelyToBuy = LikelyToBuy.ToList(),
        };
    }
}
