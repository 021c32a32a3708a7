using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>A metric's figures in its unit: shares as percent and points, amounts in the store's currency.</summary>
public static class MetricText
{
    public static string Value(this MoneyFormat money, MetricUnit unit, double? value) =>
        value is not { } v ? Display.None : unit == MetricUnit.Share ? Display.Percent(v, 2) : money.Format(v);

    public static string Delta(this MoneyFormat money, MetricUnit unit, double d) => unit == MetricUnit.Share ? Display.Points(d) : money.Signed(d);

    public static string Loss(this MoneyFormat money, MetricUnit unit, double loss) => unit == MetricUnit.Share ? $"{Display.Number(loss * 100, 3)} pp" : money.Format(loss);
}
