using System.Text.Json;
using Campaigns.Domain.Customers;

namespace Campaigns.Application.Dashboard;

/// <summary>
/// Customers by churn band and persona at the latest scoring, beside the scoring nearest a month before it (null when
/// there is none yet), so a marketer sees whether risk is growing.
/// </summary>
public sealed record CustomerOutlook(DateTime ScoredAt, int Customers, IReadOnlyList<OutlookRow> Bands, IReadOnlyList<OutlookRow> Personas, DateTime? ComparedWith)
{
    /// <summary>Scorings at least this far apart are compared.</summary>
    public static readonly TimeSpan Month = TimeSpan.FromDays(28);

    public static CustomerOutlook Of(CustomerScoreSnapshot latest, CustomerScoreSnapshot? before)
    {
        int[] Bands(CustomerScoreSnapshot s) => [s.HighRisk, s.MediumRisk, s.LowRisk];
        var (now, then) = (Bands(latest), before is null ? null : Bands(before));
        string[] names = ["High churn risk", "Medium churn risk", "Low churn risk"];
        var bands = names.Select((name, k) => new OutlookRow(name, now[k], then?[k])).ToList();
        var personas = PersonaCounts(latest);
        var previous = before is null ? null : PersonaCounts(before);
        var rows = personas.OrderByDescending(p => p.Value).Select(p => new OutlookRow(p.Key, p.Value, previous is null ? null : previous.GetValueOrDefault(p.Key))).ToList();
        return new CustomerOutlook(latest.TakenAt, latest.Customers, bands, rows, before?.TakenAt);
    }

    private static Dictionary<string, int> PersonaCounts(CustomerScoreSnapshot s) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(s.PersonasJson) ?? [];
}
