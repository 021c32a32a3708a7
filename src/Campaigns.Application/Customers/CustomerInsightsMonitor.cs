using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;

namespace Campaigns.Application.Customers;

/// <summary>
/// The customer models drift when today's customers, described as scoring describes them, no longer look like the
/// customers the version described at its training cut-off. A store whose orders stopped arriving drifts too: its
/// customers' recency grows while nobody orders, and scoring reads it so.
/// </summary>
public sealed class CustomerInsightsMonitor(CampaignsDbContext db, ModelStore store) : IModelMonitor
{
    public async Task<MonitorFinding> CheckAsync(ModelVersion current, MonitoringThresholds thresholds, CancellationToken ct)
    {
        var threshold = thresholds.Drift;
        if (CustomerInsightsMetrics.FromJson(current.MetricsJson)?.Features is not { Count: > 0 } profiles)
            return new MonitorFinding(new ModelMonitoringReport(DateTime.UtcNow, [], [], 0, thresholds.Calibration, [], DriftOnly: true,
                    Note: "This version was trained before its features' distributions were stored with it, so its drift cannot be measured; the next training stores them."),
                $"Customer insights v{current.Version}: drift not measured, the version was trained before its features' distributions were stored.");

        var models = await store.LoadCustomerModelsAsync(current.Id, ct);
        var history = await StoredOrders.ReadAsync(db, null, ct);
        var drift = FeatureDrift.Measure(profiles, models.FeaturesAsOf(history, CustomerScoring.CutOff(DateTime.UtcNow)));
        var breaches = drift.Where(d => d.Psi > threshold).Select(d => $"feature {d.Feature} drifted (PSI {d.Psi:0.00} > {threshold:0.00})").ToList();
        return new MonitorFinding(new ModelMonitoringReport(DateTime.UtcNow, drift, [], threshold, thresholds.Calibration, breaches, DriftOnly: true),
            breaches.Count == 0
                ? $"Customer insights v{current.Version}: no drift above {threshold:0.00} in {drift.Count} features."
                : $"Customer insights v{current.Version}: {string.Join("; ", breaches)}. Retraining requested.");
    }
}
