using Campaigns.Application.Models;
using Campaigns.Domain.Models;

namespace Campaigns.Application.Copy;

/// <summary>The stored version with its kind's evaluation.</summary>
/// <param name="Metrics">A <see cref="CopyGeneratorVersionMetrics"/> or a <see cref="CtrRankerVersionMetrics"/>.</param>
public sealed record CopyTrainingReport(StoredVersion Stored, object Metrics)
{
    public ModelKind Kind => Stored.Kind;
    public Guid VersionId => Stored.VersionId;
    public int Version => Stored.Version;
    public string Learner => Stored.Learner;
    public bool Promoted => Stored.Promoted;
    public string Decision => Stored.Decision;
    public double MainMetric => Stored.MainMetric;
}
