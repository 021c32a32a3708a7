using Campaigns.Analytics;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Experiments;

public sealed record ArmResult(Guid ArmId, string Name, bool IsControl, double PlannedShare, long Exposed, long Converted, double Revenue, ProportionComparison? VersusControl)
{
    public double ConversionRate => Exposed == 0 ? 0 : (double)Converted / Exposed;
    public double RevenuePerExposed => Exposed == 0 ? 0 : Revenue / Exposed;
}

public sealed record ExperimentSummary(Guid Id, Guid CampaignId, string Name, ExperimentStatus Status, DateTime? StartedAt, DateTime? EndedAt, IReadOnlyList<ArmResult> Arms);

/// <summary>Per-arm counts from the rollup's cells and each arm's conversion lift over control, for lists and the dashboard.</summary>
public sealed class ExperimentResults(IDbContextFactory<CampaignsDbContext> dbFactory, ExperimentRollup rollup)
{
    public async Task<List<ExperimentSummary>> RecentAsync(int count, CancellationToken ct = default)
    {
        await rollup.CatchUpBeforeReadAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Experiments.AsNoTracking().Where(e => e.StartedAt != null).OrderByDescending(e => e.StartedAt).Take(count).Select(e => e.Id).ToListAsync(ct);
        var list = new List<ExperimentSummary>();
        foreach (var id in ids) list.Add((await SummarizeAsync(db, id, ct))!);
        return list;
    }

    private static async Task<ExperimentSummary?> SummarizeAsync(CampaignsDbContext db, Guid id, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null) return null;
        var counts = await db.ExperimentCells.Where(c => c.ExperimentId == id).GroupBy(c => c.ArmId)
            .Select(g => new { ArmId = g.Key, Exposed = g.Sum(c => c.Units), Converted = g.Sum(c => c.Converters), Revenue = g.Sum(c => c.Revenue) })
            .ToListAsync(ct);
        var totalAllocation = experiment.Arms.Sum(a => a.Allocation);
        (long Exposed, long Converted, double Revenue) Of(Guid arm) => counts.FirstOrDefault(c => c.ArmId == arm) is { } c ? (c.Exposed, c.Converted, c.Revenue) : (0, 0, 0);
        var arms = experiment.Arms.OrderBy(a => a.Position).ToList();
        var control = arms.FirstOrDefault(a => a.IsControl);
        var controlCounts = control is null ? default : Of(control.Id);
        var results = arms.Select(a =>
        {
            var (exposed, converted, revenue) = Of(a.Id);
            ProportionComparison? versus = null;
            if (!a.IsControl && control is not null && exposed > 0 && controlCounts.Exposed > 0)
                versus = TwoProportionTest.Compare(controlCounts.Converted, controlCounts.Exposed, converted, exposed);
            return new ArmResult(a.Id, a.Name, a.IsControl, totalAllocation == 0 ? 0 : a.Allocation / totalAllocation, exposed, converted, revenue, versus);
        }).ToList();
        return new ExperimentSummary(experiment.Id, experiment.CampaignId, experiment.Name, experiment.Status, experiment.StartedAt, experiment.EndedAt, results);
    }
}
