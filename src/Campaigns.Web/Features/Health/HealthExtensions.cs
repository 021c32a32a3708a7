using Campaigns.Web.Features.Jobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Campaigns.Web.Features.Health;

/// <summary>
/// Probes for orchestrators and load balancers. Anonymous (a probe has no account) and answering only a status word,
/// so they tell an outsider nothing about the store or the installation.
/// </summary>
public static class HealthExtensions
{
    private const string Ready = "ready";

    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [Ready])
            .AddCheck<JobServerReadyCheck>("jobs", tags: [Ready]);

    public static void MapHealthEndpoints(this WebApplication app)
    {
        // Live: the process serves requests; no check runs, so a slow database never gets a live instance restarted.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableHttpMetrics();
        // Ready: database reachable and migrated, this instance's job server running.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous().DisableHttpMetrics();
    }
}
