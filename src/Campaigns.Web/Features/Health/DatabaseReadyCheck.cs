using Campaigns.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Web.Features.Health;

/// <summary>Ready when the database answers and has every migration this build knows (an instance on an older schema must not take traffic).</summary>
public sealed class DatabaseReadyCheck(IDbContextFactory<CampaignsDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("The database does not answer.");
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        return pending.Any() ? HealthCheckResult.Unhealthy("The database schema is not migrated.") : HealthCheckResult.Healthy();
    }
}
