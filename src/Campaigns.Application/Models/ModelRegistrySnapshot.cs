using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>What the Models page shows, read in one go.</summary>
/// <param name="AwaitingSignOff">Versions with a pending Manager sign-off.</param>
public sealed record ModelRegistrySnapshot(
    IReadOnlyList<ModelVersionRow> Versions, IReadOnlyList<RetrainingSchedule> Schedules, IReadOnlyList<JobRun> Runs, IReadOnlySet<Guid> AwaitingSignOff,
    IReadOnlyDictionary<ModelKind, ModelMonitoringReport> Monitoring, IReadOnlyList<ModelAlert> Alerts)
{
    public static readonly ModelRegistrySnapshot Empty = new([], [], [], new HashSet<Guid>(), new Dictionary<ModelKind, ModelMonitoringReport>(), []);

    /// <summary>A training is queued or running: the page polls until it ends.</summary>
    public bool AnyRunActive => Runs.Any(r => !r.IsFinished);
}
