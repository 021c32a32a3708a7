using System.Globalization;
using System.Text;
using Campaigns.Analytics.Programme;

namespace Campaigns.Application.Programme;

/// <summary>
/// The programme report as CSV: one row per window and metric, then one per channel and metric over the whole time since
/// the start (its customers are the channel's qualifiers, its discount cost the attributed orders'), in invariant numbers for spreadsheets.
/// </summary>
public static class ProgrammeCsv
{
    public static string Write(ProgrammeReport report)
    {
        var csv = new StringBuilder("window,from,to,metric,programme_customers,holdout_customers,programme_mean,holdout_mean,per_customer,per_customer_low,per_customer_high,incremental,incremental_low,incremental_high,relative_lift,relative_low,relative_high,discount_cost,channel,attributed_orders,attributed_revenue,no_estimate\n");
        var whole = report.Cumulative;
        foreach (var w in report.Months.Append(whole))
            foreach (var (metric, e) in new[] { ("orders", w.Orders), ("revenue", w.Revenue), ("margin", w.Margin) })
                csv.AppendLine(Row(w, metric, e.ProgrammeCustomers, e.HoldoutCustomers, e, w.DiscountCost, ",,,,"));
        foreach (var c in report.ByChannel)
            foreach (var (metric, e) in new[] { ("orders", c.IncrementalOrders), ("revenue", c.IncrementalRevenue), ("margin", c.IncrementalMargin) })
                csv.AppendLine(Row(whole, metric, c.ProgrammeQualifiers, c.HoldoutQualifiers, e, c.DiscountCost,
                    $",{c.Channel},{N(c.AttributedOrders)},{N(c.AttributedRevenue)},{Quoted(c.NoEstimate)}"));
        return csv.ToString();
    }

    private static string Row(ProgrammeWindow w, string metric, long programme, long holdout, EffectEstimate? e, double discountCost, string channel) =>
        string.Join(',', w.Label, w.From.ToString("O", CultureInfo.InvariantCulture), w.To.ToString("O", CultureInfo.InvariantCulture), metric,
            N(programme), N(holdout), N(e?.ProgrammeMean), N(e?.HoldoutMean), N(e?.PerCustomer.Value), N(e?.PerCustomer.Low), N(e?.PerCustomer.High),
            N(e?.Incremental.Value), N(e?.Incremental.Low), N(e?.Incremental.High), N(e?.Relative?.Value), N(e?.Relative?.Low), N(e?.Relative?.High), N(discountCost)) + channel;

    private static string N(double? value) => value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";

    private static string Quoted(string? text) => text is null ? "" : $"\"{text.Replace("\"", "\"\"")}\"";
}
