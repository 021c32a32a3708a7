using Campaigns.Analytics.Monitoring;
using Campaigns.Application.Experiments;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Targeting;

/// <summary>
/// The targeting model drifts when today's customers no longer look like its training window, and is off when the live
/// experiments of the campaigns it targeted do not bear out its deciles.
/// </summary>
public sealed class UpliftMonitor(CampaignsDbContext db, ModelStore models, TargetingCheck targeting) : IModelMonitor
{
    /// <summary>Deciles with fewer customers than this per arm say too little to judge calibration.</summary>
    private const int MinimumPerArm = 50;

    public async Task<MonitorFinding> CheckAsync(ModelVersion current, MonitoringThresholds thresholds, CancellationToken ct)
    {
        var profiles = UpliftModelMetrics.FromJson(current.MetricsJson)?.Features;
        IReadOnlyList<FeatureDriftResult> drift = [];
        if (profiles is { Count: > 0 })
        {
            // Custom attributes are read with the schema in the model's manifest, as scoring reads them.
            var attributes = AttributeSchema.Of((await models.LoadUpliftAsync(current.Id, ct)).Metadata);
            drift = await FeatureDrift.MeasureAsync(db, profiles, attributes, ct);
        }

        var calibration = new List<CampaignCalibration>();
        var targeted = await (from a in db.Audiences.AsNoTracking()
                              where a.ModelVersionId == current.Id
                              join e in db.Experiments on a.CampaignId equals e.CampaignId
                              join c in db.Campaigns on a.CampaignId equals c.Id
                              select new { ExperimentId = e.Id, c.Name }).ToListAsync(ct);
        foreach (var t in targeted)
        {
            var view = await targeting.LoadAsync(t.ExperimentId, ct);
            var groups = view?.Deciles.Where(d => d.ControlUnits >= MinimumPerArm && d.TreatedUnits >= MinimumPerArm)
                .Select(d => new CalibrationGroup(d.Predicted, d.Observed, d.Low, d.High, d.ControlUnits + d.TreatedUnits)).ToList();
            if (groups is not { Count: >= 3 }) continue;
            var (coverage, gap) = Calibration.Score(groups);
            calibration.Add(new CampaignCalibration(t.ExperimentId, t.Name, groups.Count, coverage, gap));
        }

        var (driftThreshold, calibrationThreshold) = thresholds;
        var breaches = drift.Where(d => d.Psi > driftThreshold).Select(d => $"feature {d.Feature} drifted (PSI {d.Psi:0.00} > {driftThreshold:0.00})")
            .Concat(calibration.Where(c => c.Coverage < calibrationThreshold)
                .Select(c => $"'{c.Campaign}': only {c.Coverage:P0} of deciles match their prediction (< {calibrationThreshold:P0})"))
            .ToList();
        return new MonitorFinding(new ModelMonitoringReport(DateTime.UtcNow, drift, calibration, driftThreshold, calibrationThreshold, breaches),
            breaches.Count == 0
                ? $"Targeting v{current.Version}: no drift above {driftThreshold:0.00}, {calibration.Count} targeted campaign(s) calibrated."
                : $"Targeting v{current.Version}: {string.Join("; ", breaches)}. Retraining requested.");
    }
}
