using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Copy;

/// <summary>The copy generator is off when marketers stop picking its suggestions.</summary>
public sealed class CopyGeneratorMonitor(CampaignsDbContext db) : IModelMonitor
{
    /// <summary>Suggestion requests looked back on, how many make a judgement, and the pick rate below which the generator is retrained.</summary>
    private const int SuggestionDays = 30, MinimumRequests = 20;
    private const double MinimumPickRate = 0.1;

    public async Task<MonitorFinding> CheckAsync(ModelVersion current, MonitoringThresholds thresholds, CancellationToken ct)
    {
        var since = DateTime.UtcNow.AddDays(-SuggestionDays);
        var shown = db.CopySuggestions.AsNoTracking().Where(s => s.GeneratorVersionId == current.Id && s.ShownAt >= since);
        var use = new SuggestionUse(SuggestionDays,
            await shown.Select(s => s.RequestId).Distinct().CountAsync(ct),
            await shown.Where(s => s.PickedAt != null).Select(s => s.RequestId).Distinct().CountAsync(ct),
            await shown.CountAsync(s => s.PickedAt != null, ct),
            await shown.CountAsync(s => s.PickedAt != null && s.EditedText != null, ct));
        var breaches = use.Requests >= MinimumRequests && use.PickRate < MinimumPickRate
            ? [$"marketers picked from only {use.PickRate:P0} of {use.Requests} suggestion requests (< {MinimumPickRate:P0})"]
            : new List<string>();
        return new MonitorFinding(new ModelMonitoringReport(DateTime.UtcNow, [], [], 0, 0, breaches, Suggestions: use),
            $"Generator v{current.Version}: {use.RequestsWithPick} of {use.Requests} request(s) led to a pick in {SuggestionDays} days"
            + (breaches.Count == 0 ? "." : ". Retraining requested."));
    }
}
