using Campaigns.Domain.Jobs;

namespace Campaigns.Application.Common;

/// <summary>Queues a background job run: a use case asks for work, the host's job infrastructure runs it.</summary>
public interface IJobQueue
{
    /// <returns>The queued run's record, which the UI follows.</returns>
    Task<JobRun> EnqueueAsync(string kind, object? parameters, string triggeredBy, CancellationToken ct = default);
}
