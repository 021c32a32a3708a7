using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>A freshly trained model as its trainer hands it to <see cref="ModelVersionWriter"/>.</summary>
/// <param name="Passes">Meets the kind's floor (e.g. an uplift model beats a random ranking); one that does not is kept as a candidate.</param>
/// <param name="MetricsJson">The stored evaluation, given the promotion decision.</param>
public sealed record CandidateVersion(
    ModelKind Kind, string Learner, byte[] Artifact, double MainMetric, bool Passes, Func<string, string> MetricsJson, string FeaturesJson,
    DateTime DataFrom, DateTime DataTo, int RowCount, DateTime Started);
