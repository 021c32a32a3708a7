using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>The version a training stored, and whether it became current.</summary>
public sealed record StoredVersion(ModelKind Kind, Guid VersionId, int Version, string Learner, ModelStatus Status, string Decision, double MainMetric)
{
    public bool Promoted => Status == ModelStatus.Current;

    /// <summary>The one-line summary of the training run.</summary>
    public string Summary => $"v{Version} ({Learner}): {Decision}";
}
