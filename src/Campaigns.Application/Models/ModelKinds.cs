using Campaigns.Application.Copy;
using Campaigns.Application.Customers;
using Campaigns.Application.Offers;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>The one place model kinds are registered: adding a kind adds its definition here (see docs/adding-a-model-kind.md).</summary>
public static class ModelKinds
{
    public static readonly IReadOnlyList<ModelKindDefinition> All = [new UpliftTargetingKind(), new CopyGeneratorKind(), new CtrRankerKind(), new ToneClassifierKind(), new OfferTargetingKind(), new CustomerInsightsKind()];

    private static readonly Dictionary<ModelKind, ModelKindDefinition> ByKind = All.ToDictionary(d => d.Kind);

    public static ModelKindDefinition Get(ModelKind kind) =>
        ByKind.TryGetValue(kind, out var definition) ? definition : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No definition is registered for this kind of model.");

    /// <summary>The kind a training job kind trains, if it is one.</summary>
    public static ModelKindDefinition? ByTrainingJob(string jobKind) => All.FirstOrDefault(d => d.TrainingJob == jobKind);
}
