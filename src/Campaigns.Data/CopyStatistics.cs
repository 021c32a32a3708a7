using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

/// <summary>
/// Impressions and clicks of copy run inside the app: each copy variant is an arm of its campaign's experiment, so its
/// impressions are the arm's exposure events and its clicks the arm's click events. Written back onto the variants so
/// the copy library, the CTR ranker's training and model monitoring read one number.
/// </summary>
public static class CopyStatistics
{
    /// <summary>Recounts the variants whose experiment is running or ended in the last week (older ones no longer change; a week outlasts a monitoring outage); returns how many.</summary>
    public static async Task<int> RefreshCopyStatisticsAsync(this CampaignsDbContext db, CancellationToken ct = default)
    {
        var since = DateTime.UtcNow.AddDays(-7);
        var live = db.Arms.Where(a => a.CopyVariantId != null && db.Experiments.Any(x => x.Id == a.ExperimentId && (x.Status == ExperimentStatus.Running || x.EndedAt > since)));
        // One COUNT over arms joined to their events (by experiment, the events' index) per variant: SQL Server refuses
        // an aggregate over a subquery, such as a SUM of per-arm counts.
        var updated = await db.CopyVariants.Where(v => live.Any(a => a.CopyVariantId == v.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(v => v.Impressions, v => (from a in db.Arms
                                                   where a.CopyVariantId == v.Id
                                                   join e in db.Events on a.ExperimentId equals e.ExperimentId
                                                   where e.ArmId == a.Id && e.Type == EventType.Exposure
                                                   select e).Count())
            .SetProperty(v => v.Clicks, v => (from a in db.Arms
                                              where a.CopyVariantId == v.Id
                                              join e in db.Events on a.ExperimentId equals e.ExperimentId
                                              where e.ArmId == a.Id && e.Type == EventType.Click
                                              select e).Count()), ct);
        // Clicks are counted as events, like impressions; a sender that reports a click without its exposure must not
        // give a line more clicks than views (an impossible rate, and no interval for it).
        await db.CopyVariants.Where(v => v.Clicks > v.Impressions).ExecuteUpdateAsync(s => s.SetProperty(v => v.Clicks, v => v.Impressions), ct);
        return updated;
    }
}
