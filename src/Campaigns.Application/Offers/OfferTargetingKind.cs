using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Models;
using Campaigns.Ml.Offers;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Offers;

/// <summary>The offer model: for each customer and each candidate offer, the chance to buy and the basket, so the plan can price every offer.</summary>
public sealed class OfferTargetingKind : ModelKindDefinition
{
    public override ModelKind Kind => ModelKind.OfferTargeting;
    public override string Title => "Offer choice";
    /// <summary>The plan's doubly robust incremental profit per customer over sending nothing, on customers the model did not learn from.</summary>
    public override MainMetric Metric { get; } = new("Incremental profit per customer", HigherIsBetter: true);
    public override Type Trainer => typeof(OfferTrainingService);

    public override void Verify(byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        var model = OfferModel.Load(stream);
        if (model.Arms.Count < 2) throw new InvalidDataException("The model has no offer arm.");
        if (model.NumericFeatures.Count + model.CategoricalFeatures.Count == 0) throw new InvalidDataException("The model has no features.");
    }

    /// <summary>Past experiments to learn from.</summary>
    public override Task<bool> HasTrainingDataAsync(CampaignsDbContext db, CancellationToken ct) =>
        db.Experiments.AnyAsync(e => e.Status == ExperimentStatus.Stopped, ct);

    public override object? Details(string metricsJson, string featuresJson) =>
        new OfferVersionDetails(OfferModelMetrics.FromJson(metricsJson), UpliftFeatureList.FromJson(featuresJson));
}
