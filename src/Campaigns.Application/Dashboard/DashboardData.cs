using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Dashboard;

/// <summary>
/// The dashboard's figures, each one counted in the database: the store-wide totals through <see cref="StoreTotals"/>
/// (kept until the store changes), the small tables (campaigns, models, jobs, scorings) on every load.
/// </summary>
public sealed class DashboardData(IDbContextFactory<CampaignsDbContext> dbFactory, StoreTotals totals)
{
    public async Task<DashboardFigures> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var live = await db.Campaigns.CountAsync(c => c.Status == CampaignStatus.Live, ct);
        var waiting = await db.Campaigns.CountAsync(c => c.Status == CampaignStatus.PendingApproval, ct);
        var (customers, orders, revenue) = await totals.ReadAsync(ct);
        var current = await db.ModelVersions.AsNoTracking().Where(m => m.Status == ModelStatus.Current)
            .Select(m => new { m.Kind, m.Version, m.Learner, m.PromotedAt }).ToListAsync(ct);
        var candidates = await db.ModelVersions.AsNoTracking().Where(m => m.Status == ModelStatus.Candidate)
            .GroupBy(m => m.Kind).Select(g => new { Kind = g.Key, Version = g.Max(m => m.Version) }).ToListAsync(ct);
        // Monitoring's open flags, with the reason, so an Admin sees at once why a model is being retrained.
        var alerts = await db.ModelAlerts.AsNoTracking().Where(a => a.ClearedAt == null).OrderByDescending(a => a.RaisedAt)
            .Select(a => new { a.Kind, a.Reason }).ToListAsync(ct);
        var models = Enum.GetValues<ModelKind>().Select(k => new { Kind = k, Current = current.FirstOrDefault(c => c.Kind == k), Alert = alerts.FirstOrDefault(a => a.Kind == k)?.Reason })
            .Select(x => new ModelInUse(x.Kind, x.Current?.Version, x.Current?.Learner, x.Current?.PromotedAt, x.Alert,
                x.Current is null ? candidates.FirstOrDefault(c => c.Kind == x.Kind)?.Version : null)).ToList();
        var jobs = await db.JobRuns.AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(6).ToListAsync(ct);
        return new DashboardFigures(live, waiting, customers, orders, revenue, models, jobs, await OutlookAsync(db, ct));
    }

    private static async Task<CustomerOutlook?> OutlookAsync(CampaignsDbContext db, CancellationToken ct)
    {
        var latest = await db.CustomerScoreSnapshots.AsNoTracking().OrderByDescending(s => s.TakenAt).FirstOrDefaultAsync(ct);
        if (latest is null) return null;
        var monthBefore = latest.TakenAt - CustomerOutlook.Month;
        var before = await db.CustomerScoreSnapshots.AsNoTracking().Where(s => s.TakenAt <= monthBefore).OrderByDescending(s => s.TakenAt).FirstOrDefaultAsync(ct);
        return CustomerOutlook.Of(latest, before);
    }
}
