using System.Globalization;
using System.Text;

namespace Campaigns.Application.Programme;

/// <summary>The programme report as CSV: one row per window and metric, in invariant numbers for spreadsheets.</summary>
public static class ProgrammeCsv
{
    public static string Write(ProgrammeReport report)
    {
        var csv = new StringBuilder("window,from,to,metric,programme_customers,holdout_customers,programme_mean,holdout_mean,per_customer,per_customer_low,per_customer_high,incremental,incremental_low,incremental_high,relative_lift,relative_low,relative_high,discount_cost\n");
        foreach (var w in report.Months.Append(report.Cumulative))
            foreach (var (metric, e) in new[] { ("orders", w.Orders), ("revenue", w.Revenue), ("margin", w.Margin) })
                csv.AppendLine(string.Join(',', w.Label, w.From.ToString("O", CultureInfo.InvariantCulture), w.To.ToString("O", CultureInfo.InvariantCulture), metric,
                    N(e.ProgrammeCustomers), N(e.HoldoutCustomers), N(e.ProgrammeMean), N(e.HoldoutMean), N(e.PerCustomer.Value), N(e.PerCustomer.Low), N(e.PerCustomer.High),
                    N(e.Incremental.Value), N(e.Incremental.Low), N(e.Incremental.High), N(e.Relative?.Value), N(e.Relative?.Low), N(e.Relative?.High), N(w.DiscountCost)));
        return csv.ToString();
    }

    private static string N(double? value) => value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";
}
