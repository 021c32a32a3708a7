using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Offers;
using Campaigns.Ml.Uplift;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Offers;

/// <summary>
/// Trains the offer model on the stored experiments (the same pooled rows as the uplift model, with each purchase's basket)
/// and stores it with <see cref="ModelVersionWriter"/>. Purchases are priced on the terms of the row's own experiment, so
/// the model is chosen, and judged, on the profit its plan earns rather than on conversions alone; rows of experiments
/// that tried several offers judge the plan's choice among them.
/// </summary>
public sealed class OfferTrainingService(CampaignsDbContext db, TrainingSetBuilder builder, IOptions<TargetingOptions> options) : IModelTrainer
{
    private readonly ModelVersionWriter _writer = new(db);

    public async Task<StoredVersion> TrainAsync(ModelKind kind, TrainingRun run, CancellationToken ct)
    {
        var parameters = run.Parameters<OfferTrainingParameters>();
        var progress = run.Progress;
        var started = DateTime.UtcNow;
        progress?.Report(("Reading past experiments", 0));
        var set = await builder.BuildAsync(TargetingOutcome.Conversion, new SyncProgress<double>(f => progress?.Report(("Reading past experiments", 0.15 * f))), ct);
        var economics = await StoreEconomics.ReadAsync(db, options.Value, ct);
        var training = Options(set, economics, parameters.Learner) with { Threads = run.Threads };
        var trainingProgress = new SyncProgress<(string Stage, double Fraction)>(p => progress?.Report((p.Stage, 0.15 + 0.8 * p.Fraction)));
        // The trainer is CPU-bound and synchronous: keep it off the caller's thread.
        var result = await Task.Run(() => OfferTrainer.Train(set.Data, Baskets(set, economics), training, trainingProgress, ct), ct);
        ct.ThrowIfCancellationRequested();
        progress?.Report(("Storing the model", 0.96));

        set.Attributes.SaveIn(result.Model.Metadata);
        using var artifact = new MemoryStream();
        result.Model.Save(artifact);
        var gain = result.Evaluation.PlanOverNothing.Dr.Value;
        return await _writer.StoreAsync(new CandidateVersion(ModelKind.OfferTargeting, result.Chosen, artifact.ToArray(), gain, Passes: gain > 0,
            decision => new OfferModelMetrics(result.Model.Arms, result.Chosen, result.Candidates, set.Experiments, result.TrainingRows, result.EvaluationRows,
                result.Evaluation, decision).ToJson(),
            new UpliftFeatureList(result.Model.NumericFeatures, result.Model.CategoricalFeatures, set.Attributes.Attributes).ToJson(),
            set.DataFrom, set.DataTo, set.Data.Count, started), run, ct);
    }

    /// <summary>
    /// Each row's purchase as the basket offers are priced on (0 without one): the experiments' conversions report what
    /// the customer paid, which a model pricing 20% off on it would take for a basket a fifth too small, and whose
    /// discount its evaluation would take off a second time.
    /// </summary>
    public static float[] Baskets(TrainingSet set, StoreEconomics economics) => set.Baskets
        .Select((paid, row) => paid > 0 ? (float)economics.BasketPaying(set.Data.ArmAt(row) == 0 ? null : set.Offers[row], paid) : 0f).ToArray();

    /// <summary>How the offer model is trained on stored experiments (the benchmark trains the same way).</summary>
    public static OfferTrainingOptions Options(TrainingSet set, StoreEconomics economics, UpliftLearner learner) => new()
    {
        Learner = learner,
        PurchaseValue = (row, arm, basket) => economics.PurchaseValue(arm == 0 ? null : set.Offers[row], basket),
        Choices = set.Alternatives.ToChoices(economics),
    };
}
