using Campaigns.Analytics;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Experiments;

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
                a.IsControl ? null : reading.Report.Find(ExperimentMetrics.Conversion, a.Arm))).ToList();
            list.Add(new ExperimentSummary(e.Id, e.CampaignId, e.Name, e.Status, e.StartedAt, e.EndedAt, options.Engine, options.ConfidenceLevel, arms, reading.Headline));
        }
        return list;
    }
}
