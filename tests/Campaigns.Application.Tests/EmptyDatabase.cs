using Campaigns.Data;

namespace Campaigns.Application.Tests;

/// <summary>A migrated database with nothing in it (on the run's provider, see <see cref="TestDatabase"/>), for a test class that writes what it needs.</summary>
public sealed class EmptyDatabase : IAsyncLifetime
{
    private readonly TestDatabase _database = new("empty");

    public DatabaseOptions Options => _database.Options;

    public CampaignsDbContext Open() => _database.Open();

    public ContextFactory Factory => new(Open);

    public Task InitializeAsync() => _database.CreateAsync();

    public Task DisposeAsync() => _database.DropAsync();
}
