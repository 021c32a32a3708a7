using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Web.Features.Jobs;

/// <summary>
/// Ready when this instance's own Hangfire server has announced itself to the storage recently; another instance's
/// server does not count, since it cannot run the jobs this one enqueues from its in-memory queue.
/// </summary>
public sealed class JobServerReadyCheck(JobStorage storage, JobServerIdentity identity) : IHealthCheck
{
    /// <summary>Hangfire servers send a heartbeat every 30 s by default; two missed ones mean the server is not running.</summary>
    private static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromSeconds(90);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var running = storage.GetMonitoringApi().Servers().Any(s =>
            s.Name.StartsWith(identity.Name, StringComparison.OrdinalIgnoreCase)
            && s.Heartbeat is { } beat && DateTime.UtcNow - beat < MaxHeartbeatAge);
        return Task.FromResult(running ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The background job server is not running."));
    }
}
