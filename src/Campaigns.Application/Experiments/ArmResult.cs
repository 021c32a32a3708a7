using Campaigns.Analytics;

namespace Campaigns.Application.Experiments;

/// <param name="VersusControl">The arm's conversion comparison from the results page's report (null for control).</param>
public sealed record ArmResult(string Name, bool IsControl, double PlannedShare, long Exposed, long Converted, double Revenue, MetricComparison? VersusControl)
{
    public double ConversionRate => Exposed == 0 ? 0 : (double)Converted / Exposed;
    public double RevenuePerExposed => Exposed == 0 ? 0 : Revenue / Exposed;
}
