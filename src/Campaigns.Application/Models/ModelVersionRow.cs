using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>A model version as the registry shows it: everything but the artifact.</summary>
/// <param name="Details">The kind's stored evaluation for its details component (<see cref="ModelKindDefinition.Details"/>); null when the kind shows none.</param>
public sealed record ModelVersionRow(
    Guid Id, ModelKind Kind, int Version, string Learner, ModelStatus Status, double? MainMetric,
    DateTime DataFrom, DateTime DataTo, int RowCount, TimeSpan? TrainingTime, DateTime CreatedAt, string TriggeredBy, object? Details = null);
