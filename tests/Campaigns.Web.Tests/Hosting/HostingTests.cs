using System.Net;
using Campaigns.Data;
using Campaigns.Web.Features.Health;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Web.Tests.Hosting;

/// <summary>What the host promises operators: a container checked at start-up, and health probes.</summary>
public class HostingTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    private readonly AppFactory _app = fixture.App;

    [Fact]
    public void A_scoped_service_is_refused_from_the_root_provider_so_no_singleton_can_hold_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _app.Services.GetRequiredService<CampaignsDbContext>());
        Assert.Contains("root provider", error.Message);
    }

    [Fact]
    public void A_singleton_holding_a_scoped_service_stops_the_app_at_start_up()
    {
        using var app = new AppFactory(configure: b => b.ConfigureServices(s => s.AddSingleton<CaptiveContextHolder>()));
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains(nameof(CaptiveContextHolder), error.ToString());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_health_probes_answer_anonymously_with_nothing_but_the_status(string path)
    {
        var response = await _app.AnonymousClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_database_without_the_schema_is_not_ready()
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-empty-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}")) connection.Open(); // an empty file
            var check = new DatabaseReadyCheck(new EmptyDatabase(path));
            var result = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Equal("The database schema is not migrated.", result.Description);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private sealed class CaptiveContextHolder(CampaignsDbContext db)
    {
        public CampaignsDbContext Db { get; } = db;
    }

    private sealed class EmptyDatabase(string path) : IDbContextFactory<CampaignsDbContext>
    {
        public CampaignsDbContext CreateDbContext() => new DatabaseOptions { ConnectionString = $"Data Source={path}" }.CreateContext();
    }
}
