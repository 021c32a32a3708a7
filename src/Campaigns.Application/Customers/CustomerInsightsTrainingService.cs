using System.Text.Json;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Customers;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Customers;

/// <summary>
/// Trains the customer models twice on the stored orders: as of one churn horizon ago, to be judged on what customers
/// did since (the backtest whose churn AUC is the version's metric), and as of today, the version that scores customers.
/// Personas are matched to the current version's, so a persona keeps its id and name across retrainings. A version that
/// becomes current rescores every customer.
/// </summary>
public sealed class CustomerInsightsTrainingService(CampaignsDbContext db, ModelStore store, CustomerScoring scoring,
    IOptions<CustomerInsightsOptions> options) : IModelTrainer
{
    private readonly ModelVersionWriter _writer = new(db);

    public async Task<StoredVersion> TrainAsync(ModelKind kind, TrainingRun run, CancellationToken ct)
    {
        if (kind != ModelKind.CustomerInsights) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not the customer insights kind.");
        var started = DateTime.UtcNow;
        var progress = run.Progress;
        var history = await StoredOrders.ReadAsync(db, progress, ct);
        if (history.Orders == 0) throw new InvalidOperationException("No orders are stored yet: there is nothing to learn customers' behaviour from.");
        var settings = options.Value.ModelOptions;
        var previous = await store.CurrentAsync(ModelKind.CustomerInsights, ct) is { } current ? (await LoadOrNullAsync(current.Id, ct))?.Personas : null;

        // Labels need observed days: a store whose orders stopped arriving (a demo seeded weeks ago, a paused feed) is learned
        // up to its last order, not up to today; scoring then describes customers as of today.
        var observedTo = DateOnly.FromDayNumber(history.Day.Max()).AddDays(1);
        var cutOff = CustomerScoring.CutOff(started) < observedTo ? CustomerScoring.CutOff(started) : observedTo;
        // The backtest is judged on the latest churn horizon the stored orders cover in full.
        var backtestAt = observedTo.AddDays(-settings.ChurnDays);
        progress?.Report(($"Backtest: training as of {backtestAt:yyyy-MM-dd}", 0.25));
        var backtest = await Task.Run(() => CustomerBacktest.Run(history, backtestAt, CustomerModels.Train(history, backtestAt, settings, previous)), ct);
        ct.ThrowIfCancellationRequested();
        progress?.Report(($"Training as of {cutOff.AddDays(-1):yyyy-MM-dd}", 0.55));
        var models = await Task.Run(() => CustomerModels.Train(history, cutOff, settings, previous), ct);
        ct.ThrowIfCancellationRequested();

        progress?.Report(("Storing the customer models", 0.8));
        using var artifact = new MemoryStream();
        models.Save(artifact);
        var (churn, recency) = (backtest.Churn.Auc, backtest.ChurnByRecency.Auc);
        // Recency alone is the rule of thumb a marketer already has: a model no better than it is not worth serving.
        var passes = double.IsFinite(churn) && churn > 0.6 && churn >= recency - 0.01;
        var customers = history.CustomerIds.Count;
        var sizes = models.Personas.Personas.ToList();
        // What the version scores customers on as it goes live: monitoring measures drift against it.
        var profiles = FeatureDrift.Profile(models.FeaturesAsOf(history, cutOff));
        var version = await _writer.StoreAsync(new CandidateVersion(ModelKind.CustomerInsights,
                $"LightGBM churn and propensity, {models.ValueChoice.Model} value, {sizes.Count} personas" +
                    (models.Affinity is null ? "" : models.Affinity.Choice.Factorization ? ", factored product affinity" : ", product popularity as affinity"),
                artifact.ToArray(), churn, passes,
                decision => new CustomerInsightsMetrics(backtest, sizes, customers, history.Orders, decision, profiles).ToJson(),
                JsonSerializer.Serialize(new { categories = models.Categories }, JsonSerializerOptions.Web),
                DateOnly.FromDayNumber(history.Day.Min()).ToDateTime(TimeOnly.MinValue), DateOnly.FromDayNumber(history.Day.Max()).ToDateTime(TimeOnly.MinValue),
                history.Orders, started), run, ct);
        if (version.Promoted)
        {
            progress?.Report(("Scoring every customer", 0.9));
            // The scoring's own stages, within the run's last tenth.
            var scored = progress is null ? null
                : new SyncProgress<(string Stage, double Fraction)>(s => progress.Report(($"Scoring every customer: {s.Stage}", 0.9 + 0.1 * s.Fraction)));
            await scoring.ScoreAsync(version.VersionId, history, ct, scored);
        }
        progress?.Report((version.Decision, 1));
        return version;
    }

    private async Task<CustomerModels?> LoadOrNullAsync(Guid versionId, CancellationToken ct)
    {
        // A current version that no longer loads only loses the persona matching: the new one names its personas afresh.
        try { return await store.LoadCustomerModelsAsync(versionId, ct); }
        catch (InvalidDataException) { return null; }
    }
}
