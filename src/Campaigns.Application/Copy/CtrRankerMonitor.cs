using Campaigns.Analytics;
using Campaigns.Analytics.Monitoring;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>The click-through ranker is off when the copy it scored is not clicked as it predicted.</summary>
public sealed class CtrRankerMonitor(CampaignsDbContext db) : IModelMonitor
{
    /// <summary>Copy seen fewer times than this says too little of its click-through.</summary>
    public const int MinimumImpressions = 200;

    public async Task<MonitorFinding> CheckAsync(ModelVersion current, MonitoringThresholds thresholds, CancellationToken ct)
    {
        await db.RefreshCopyStatisticsAsync(ct);
        var threshold = thresholds.Calibration;
        var ran = await db.CopyVariants.AsNoTracking()
            .Where(v => v.RankerVersionId == current.Id && v.PredictedCtr != null && v.Impressions >= MinimumImpressions)
            .OrderBy(v => v.CreatedAt).Select(v => new { v.Headline, v.Impressions, v.Clicks, Predicted = v.PredictedCtr!.Value }).ToListAsync(ct);
        var rows = ran.Select(v =>
        {
            var (low, high) = Wilson.Interval(v.Clicks, v.Impressions);
            return new CopyCalibration(v.Headline, v.Impressions, v.Predicted, (double)v.Clicks / v.Impressions, low, high);
        }).ToList();
        var breaches = new List<string>();
        if (rows.Count >= 3)
        {
            var (coverage, _) = Calibration.Score(rows.Select(r => new CalibrationGroup(r.Predicted, r.Observed, r.Low, r.High, r.Impressions)).ToList());
            if (coverage < threshold) breaches.Add($"only {coverage:P0} of {rows.Count} copy lines clicked as predicted (< {threshold:P0})");
        }
        return new MonitorFinding(new ModelMonitoringReport(DateTime.UtcNow, [], [], 0, threshold, breaches, CopyCalibration: rows),
            breaches.Count > 0 ? $"Ranker v{current.Version}: {breaches[0]}. Retraining requested."
            : rows.Count < 3 ? $"Ranker v{current.Version}: {rows.Count} copy line(s) with {MinimumImpressions}+ impressions, too few to judge."
            : $"Ranker v{current.Version}: {rows.Count} copy lines clicked as predicted.");
    }
}
