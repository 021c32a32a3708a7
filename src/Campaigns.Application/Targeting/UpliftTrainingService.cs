using System.Text.Json;
using Campaigns.Analytics.Uplift;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Targeting;

/// <summary>Everything stored with an uplift model version: how it was chosen and how it did on held-out customers.</summary>
public sealed record UpliftModelMetrics(
    TargetingOutcome Outcome, string Chosen, IReadOnlyList<CandidateScore> Candidates, int Experiments,
    int TrainingRows, int ValidationRows, UpliftEvaluation Validation, string Decision, IReadOnlyList<FeatureProfile>? Features = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static UpliftModelMetrics? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<UpliftModelMetrics>(json, Json); }
        catch (JsonException) { return null; }
    }
}

/// <summary>
/// A version's features as the Models page lists them (<c>ModelVersion.FeaturesJson</c>): a description written from
/// the trained model; scoring reads the schema from the artifact's manifest, not from here.
/// </summary>
public sealed record UpliftFeatureList(IReadOnlyList<string> Numeric, IReadOnlyList<string> Categorical, IReadOnlyList<AttributeFeature>? Attributes = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, UpliftModelMetrics.Json);

    /// <summary>The stored list, or null when it is missing or unreadable.</summary>
    public static UpliftFeatureList? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonSerializer.Deserialize<UpliftFeatureList>(json, UpliftModelMetrics.Json); }
        catch (JsonException) { return null; }
    }
}

public sealed record TrainingRequest(UpliftLearner Learner = UpliftLearner.Auto, TargetingOutcome Outcome = TargetingOutcome.Conversion, int? Threads = null);

/// <summary>The stored version, and whether it became current.</summary>
public sealed record TrainingReport(Guid VersionId, int Version, string Learner, bool Promoted, string Decision, double QiniCoefficient);

/// <summary>
/// Trains an uplift model on the stored experiments and stores it as a new version. The version is written in one
/// save with its artifact, checksum and metrics, and becomes current only if it ranks better than random and no
/// worse than the current one on held-out customers; the previous version is kept (retired) for rollback.
/// </summary>
public sealed class UpliftTrainingService(CampaignsDbContext db, TrainingSetBuilder builder)
{
    public async Task<TrainingReport> TrainAsync(TrainingRequest request, string triggeredBy, Guid? jobRunId,
        IProgress<(string Stage, double Fraction)>? progress = null, CancellationToken ct = default)
    {
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
        set.Attributes.SaveIn(result.Model);
        using var artifact = new MemoryStream();
        result.Model.Save(artifact);
        var bytes = artifact.ToArray();
        var current = await db.ModelVersions.Where(v => v.Kind == ModelKind.UpliftTargeting && v.Status == ModelStatus.Current).ToListAsync(ct);
        var margin = await db.RetrainingSchedules.Where(x => x.Kind == ModelKind.UpliftTargeting).Select(x => x.AutoPromoteMinGain).FirstOrDefaultAsync(ct);
        var qini = result.Validation.QiniCoefficient;
        // An uplift model that cannot beat a random ranking on held-out customers is never served.
        var (rule, decision) = PromotionRule.Decide(ModelKind.UpliftTargeting, passes: qini > 0, qini, current.Select(v => v.MainMetric).FirstOrDefault(), margin);
        var promote = rule == PromotionDecision.Promote;
        var version = new ModelVersion
        {
            Kind = ModelKind.UpliftTargeting,
            Version = await db.NextVersionAsync(ModelKind.UpliftTargeting, ct),
            Learner = result.Chosen,
            Status = promote ? ModelStatus.Current : ModelStatus.Candidate,
            MainMetric = qini,
            TrainingTime = DateTime.UtcNow - started,
            Artifact = bytes,
            ArtifactSha256 = ModelStore.Checksum(bytes),
            MetricsJson = new UpliftModelMetrics(request.Outcome, result.Chosen, result.Candidates, set.Experiments,
                result.TrainingRows, result.ValidationRows, result.Validation, decision, FeatureDrift.Profile(set.Data)).ToJson(),
            FeaturesJson = new UpliftFeatureList(result.Model.NumericFeatures, result.Model.CategoricalFeatures, set.Attributes.Attributes).ToJson(),
            DataFrom = set.DataFrom,
            DataTo = set.DataTo,
            RowCount = set.Data.Count,
            JobRunId = jobRunId,
            TriggeredBy = triggeredBy,
            PromotedAt = promote ? DateTime.UtcNow : null,
        };
        await db.SaveTrainedAsync(version, current, $"Uplift targeting v{version.Version} ({result.Chosen}): {decision}");
        return new TrainingReport(version.Id, version.Version, result.Chosen, promote, decision, qini);
    }
}
