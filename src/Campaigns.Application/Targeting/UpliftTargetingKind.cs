using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Targeting;

/// <summary>The uplift targeting model: ranks customers by how much an offer changes their behaviour.</summary>
public sealed class UpliftTargetingKind : ModelKindDefinition
{
    public override ModelKind Kind => ModelKind.UpliftTargeting;
    public override string Title => "Uplift targeting";
    public override MainMetric Metric { get; } = new("Qini coefficient", HigherIsBetter: true);
    public override Type Trainer => typeof(UpliftTrainingService);
    public override Type Monitor => typeof(UpliftMonitor);

    public override void Verify(byte[] artifact)
    {
        using var stream = new MemoryStream(artifact, writable: false);
        var model = UpliftModel.Load(stream);
        if (model.NumericFeatures.Count + model.CategoricalFeatures.Count == 0) throw new InvalidDataException("The model has no features.");
    }

    /// <summary>Past experiments to learn from.</summary>
    public override Task<bool> HasTrainingDataAsync(CampaignsDbContext db, CancellationToken ct) =>
        db.Experiments.AnyAsync(e => e.Status == ExperimentStatus.Stopped, ct);

    public override object? Details(string metricsJson, string featuresJson) =>
        new UpliftVersionDetails(UpliftModelMetrics.FromJson(metricsJson), UpliftFeatureList.FromJson(featuresJson));
}
