namespace Campaigns.Web.Features.Jobs;

/// <summary>The name this process gives its Hangfire server, unique per instance, so the instance can find its own server.</summary>
public sealed class JobServerIdentity
{
    public string Name { get; } = $"campaigns-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}".ToLowerInvariant();
}
