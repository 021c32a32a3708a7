using System.Text.Json.Serialization;

namespace Campaigns.Analytics;

/// <summary>An arm's totals: planned share, exposed and converted customers, orders, revenue, and margin and discount when product costs are known.</summary>
public sealed record ArmFigures(string Arm, bool IsControl, double PlannedShare, long Exposed, long Converters, long Orders, double Revenue, double? Margin, double? Discount)
{
    /// <summary>Converters ÷ exposed (0 without traffic); derived, so not written beside the counts it comes from.</summary>
    [JsonIgnore]
    public double ConversionRate => Exposed == 0 ? 0 : (double)Converters / Exposed;
}
