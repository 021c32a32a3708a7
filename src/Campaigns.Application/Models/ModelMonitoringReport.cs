using System.Text.Json;

namespace Campaigns.Application.Models;

/// <summary>What monitoring found for a version, stored with it for the Models page.</summary>
/// <param name="CopyCalibration">For the CTR ranker: its predictions against the copy that ran.</param>
/// <param name="Suggestions">For the copy generator: how often its suggestions were picked and edited.</param>
/// <param name="DriftOnly">Drift is measured but no campaign calibration is (the customer models target no campaign).</param>
/// <param name="Note">What the monitor could not check and why, in words.</param>
public sealed record ModelMonitoringReport(DateTime At, IReadOnlyList<FeatureDriftResult> Drift, IReadOnlyList<CampaignCalibration> Calibration,
    double DriftThreshold, double CalibrationThreshold, IReadOnlyList<string> Breaches,
    IReadOnlyList<CopyCalibration>? CopyCalibration = null, SuggestionUse? Suggestions = null, bool DriftOnly = false, string? Note = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static ModelMonitoringReport? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonSerializer.Deserialize<ModelMonitoringReport>(json, JsonSerializerOptions.Web); }
        catch (JsonException) { return null; }
    }
}
