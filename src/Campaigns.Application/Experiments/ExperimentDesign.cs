using Campaigns.Analytics;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Experiments;

/// <summary>The power calculator shown when a campaign is launched.</summary>
public sealed class ExperimentDesign(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <summary>Conversion of every past control arm pooled, and customers assigned per day across past experiments.</summary>
    public async Task<DesignBaseline?> BaselineAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var controls = await db.Arms.Where(a => a.IsControl).Select(a => a.Id).ToListAsync(ct);
        if (controls.Count == 0) return null;
        var counts = await db.Events.Where(e => e.ArmId != null && controls.Contains(e.ArmId.Value))
            .GroupBy(e => e.Type).Select(g => new { Type = g.Key, Customers = g.Select(e => e.CustomerId).Distinct().Count() }).ToListAsync(ct);
        var exposed = counts.Where(c => c.Type == EventType.Exposure).Sum(c => (long)c.Customers);
        var converted = counts.Where(c => c.Type == EventType.Conversion).Sum(c => (long)c.Customers);
        if (exposed == 0) return null;
        var experiments = await db.Experiments.Where(e => e.StartedAt != null)
            .Select(e => new { e.Id, e.StartedAt, e.EndedAt }).ToListAsync(ct);
        var assigned = await db.Assignments.CountAsync(ct);
        var days = experiments.Sum(e => Math.Max(1, ((e.EndedAt ?? DateTime.UtcNow) - e.StartedAt!.Value).TotalDays));
        return new DesignBaseline((double)converted / exposed, exposed, days == 0 ? 0 : assigned / days);
    }

    /// <summary>
    /// Customers needed to detect the relative lift with 80% power at 5% two-sided in each comparison with the holdout.
    /// Each arm beside the holdout is compared with it, at 5% ÷ arms (Bonferroni) when there are several; the smallest
    /// arm, the holdout or a treated one, sets the total.
    /// </summary>
    /// <param name="treatedShares">
    /// The traffic share of each arm beside the holdout, as the launch creates them (<see cref="Domain.Campaigns.Campaign.TreatedArmShares"/>):
    /// with the model's choice the offers share only half of the treated traffic, so each offer's arm is smaller than an even split would make it.
    /// </param>
    public static DesignPlan? Plan(DesignBaseline baseline, double holdoutShare, double relativeLift, IReadOnlyList<double> treatedShares)
    {
        if (baseline.ConversionRate is <= 0 or >= 1 || holdoutShare is <= 0 or >= 1 || treatedShares.Count == 0 || treatedShares.Any(s => s <= 0)) return null;
        var perArm = PowerAnalysis.SampleSizePerArmForProportions(baseline.ConversionRate, baseline.ConversionRate * relativeLift, alpha: 0.05 / treatedShares.Count);
        if (perArm is not { } n) return null;
        var total = (long)Math.Ceiling(n / Math.Min(holdoutShare, treatedShares.Min()));
        return new DesignPlan(n, total, baseline.CustomersPerDay > 0 ? total / baseline.CustomersPerDay : null);
    }
}
