using Campaigns.Analytics;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Experiments;

/// <param name="VersusControl">The arm's conversion comparison from the results page's report (null for control).</param>
public sealed record ArmResult(string Name, bool IsControl, double PlannedShare, long Exposed, long Converted, double Revenue, MetricComparison? VersusControl)
{
    public double ConversionRate => Exposed == 0 ? 0 : (double)Converted / Exposed;
    public double RevenuePerExposed => Exposed == 0 ? 0 : Revenue / Exposed;
}

/// <param name="Engine">The engine every figure comes from: the results page's default, at <paramref name="ConfidenceLevel"/>.</param>
public sealed record ExperimentSummary(Guid Id, Guid CampaignId, string Name, ExperimentStatus Status, DateTime? StartedAt, DateTime? EndedAt,
    AnalysisEngine Engine, double ConfidenceLevel, IReadOnlyList<ArmResult> Arms, string Headline);

/// <summary>
/// Recent experiments for lists and the dashboard, read by <see cref="ExperimentStatistics"/> with the results page's
/// default options, so a list never shows another engine's p-value than the page it links to.
/// </summary>
public sealed class ExperimentResults(IDbContextFactory<CampaignsDbContext> dbFactory, ExperimentStatistics statistics)
{
    public async Task<List<ExperimentSummary>> RecentAsync(int count, CancellationToken ct = default)
    {
        List<Experiment> experiments;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            experiments = await db.Experiments.AsNoTracking().Where(e => e.StartedAt != null).OrderByDescending(e => e.StartedAt).Take(count).ToListAsync(ct);
        var options = new ResultsOptions();
        var list = new List<ExperimentSummary>();
        foreach (var e in experiments)
        {
            if (await statistics.ReadAsync(e.Id, options, ct) is not { } reading) continue;
            var arms = reading.Arms.Select(a => new ArmResult(a.Arm, a.IsControl, a.PlannedShare, a.Exposed, a.Converters, a.Revenue,
                a.IsControl ? null : reading.Report.Find(ExperimentStatistics.Conversion, a.Arm))).ToList();
            list.Add(new ExperimentSummary(e.Id, e.CampaignId, e.Name, e.Status, e.StartedAt, e.EndedAt, options.Engine, options.ConfidenceLevel, arms, reading.Headline));
        }
        return list;
    }
}
