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
    /// The treated share is split among <paramref name="treatedArms"/> (one per chosen copy line); with several, each
    /// comparison is held to 5% ÷ arms (Bonferroni), and the smallest arm sets the total.
    /// </summary>
    public static DesignPlan? Plan(DesignBaseline baseline, double holdoutShare, double relativeLift, int treatedArms = 1)
    {
        if (baseline.ConversionRate is <= 0 or >= 1 || holdoutShare is <= 0 or >= 1 || treatedArms < 1) return null;
        var perArm = PowerAnalysis.SampleSizePerArmForProportions(baseline.ConversionRate, baseline.ConversionRate * relativeLift, alpha: 0.05 / treatedArms);
        if (perArm is not { } n) return null;
        var total = (long)Math.Ceiling(n / Math.Min(holdoutShare, (1 - holdoutShare) / treatedArms));
        return new DesignPlan(n, total, baseline.CustomersPerDay > 0 ? total / baseline.CustomersPerDay : null);
    }
}
