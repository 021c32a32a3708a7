using Campaigns.Domain.Audiences;
using Campaigns.Domain.Customers;
using Campaigns.Targeting;

namespace Campaigns.Web.Features.Audiences;

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
    public AudienceSelection Selection { get; set; } = AudienceSelection.Budget;
    public double? TopPercent { get; set; } = 20;
    /// <summary>In percentage points of purchase probability.</summary>
    public double? UpliftThresholdPoints { get; set; } = 1;
    public decimal? Budget { get; set; }
    public double RandomCellPercent { get; set; }

    public AudienceRequest ToRequest(Guid campaignId) => new(campaignId,
        new AudienceRules
        {
            Regions = Regions.ToList(), Devices = Devices.ToList(), MinOrders = MinOrders, MaxOrders = MaxOrders, MinSpend = MinSpend,
            BoughtWithinDays = BoughtWithinDays, LapsedForDays = LapsedForDays, MinTenureDays = MinTenureDays,
            MinDiscountShare = MinDiscountPercent / 100, MaxDiscountShare = MaxDiscountPercent / 100,
        },
        Selection, TopPercent, UpliftThresholdPoints / 100, Budget, RandomCellPercent / 100);
}
