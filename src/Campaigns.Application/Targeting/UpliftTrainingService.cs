using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;

namespace Campaigns.Application.Targeting;

/// <summary>
/// Trains an uplift model on the stored experiments and stores it as a new version with <see cref="ModelVersionWriter"/>.
/// An uplift model that cannot beat a random ranking on held-out customers is never served.
/// </summary>
public sealed class UpliftTrainingService(CampaignsDbContext db, TrainingSetBuilder builder) : IModelTrainer
{
    private readonly ModelVersionWriter _writer = new(db);

    public async Task<TrainingReport> TrainAsync(TrainingRequest request, string triggeredBy, Guid? jobRunId,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken ct = default)
    {
        var stored = await TrainAsync(request, new TrainingRun(triggeredBy, jobRunId) { Progress = progress }, ct);
        return new TrainingReport(stored.VersionId, stored.Version, stored.Learner, stored.Promoted, stored.Decision, stored.MainMetric);
    }

    /// <summary>A training run of the job: its parameters are an <see cref="UpliftTrainingParameters"/>.</summary>
    public Task<StoredVersion> TrainAsync(ModelKind kind, TrainingRun run, CancellationToken ct)
    {
        var p = run.Parameters<UpliftTrainingParameters>();
        return TrainAsync(new TrainingRequest(p.Learner, p.Outcome, run.Threads), run, ct);
    }

    private async Task<StoredVersion> TrainAsync(TrainingRequest request, TrainingRun run, CancellationToken ct)
    {
        var progress = run.Progress;
        var started = DateTime.UtcNow;
        progress?.Report(("Reading past experiments", 0));
        var set = await builder.BuildAsync(request.Outcome, new SyncProgress<double>(f => progress?.Report(("Reading past experiments", 0.15 * f))), ct);
        var options = new UpliftTrainingOptions { Learner = request.Learner, BinaryOutcome = request.Outcome == TargetingOutcome.Conversion, Threads = request.Threads };
        var trainingProgress = new SyncProgress<(string Stage, double Fraction)>(p => progress?.Report((p.Stage, 0.15 + 0.8 * p.Fraction)));
        // The trainer is CPU-bound and synchronous: keep it off the caller's thread.
        var result = await Task.Run(() => UpliftTrainer.Train(set.Data, options, trainingProgress, ct), ct);
        ct.ThrowIfCancellationRequested();
        progress?.Report(("Storing the model", 0.96));

        // The manifest carries the attribute schema: the one place scoring and monitoring read it from.
        set.Attributes.SaveIn(result.Model.Metadata);
        using var artifact = new MemoryStream();
        result.Model.Save(artifact);
        var qini = result.Validation.QiniCoefficient;
        progress?.Report(("Profiling today's customers for drift monitoring", 0.97));
        var features = await FeatureDrift.ProfileAsync(db, set.Attributes, ct);
        return await _writer.StoreAsync(new CandidateVersion(ModelKind.UpliftTargeting, result.Chosen, artifact.ToArray(), qini, Passes: qini > 0,
            decision => new UpliftModelMetrics(request.Outcome, result.Chosen, result.Candidates, set.Experiments,
                result.TrainingRows, result.ValidationRows, result.Validation, decision, features).ToJson(),
            new UpliftFeatureList(result.Model.NumericFeatures, result.Model.CategoricalFeatures, set.Attributes.Attributes).ToJson(),
            set.DataFrom, set.DataTo, set.Data.Count, started), run, ct);
    }
}
