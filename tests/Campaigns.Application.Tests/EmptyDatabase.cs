using Campaigns.Data;

namespace Campaigns.Application.Tests;

/// <summary>A migrated SQLite file with nothing in it, for a test class that writes what it needs.</summary>
public sealed class EmptyDatabase : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"campaigns-empty-{Guid.NewGuid():N}.db");

    public CampaignsDbContext Open() => new DatabaseOptions { ConnectionString = $"Data Source={_path}" }.CreateContext();

    public ContextFactory Factory => new(Open);

    public async Task InitializeAsync()
    {
        await using var db = Open();
        await db.MigrateAsync(migrateServer: false);
    }

    public Task DisposeAsync() => TestStores.DeleteAsync(_path);
}
