using Campaigns.Data;
using Campaigns.Data.Demo;
using Campaigns.Ml.Uplift;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Targeting.Tests;

/// <summary>A migrated SQLite file with a small demo store, its experiments rolled up, shared by a test class.</summary>
public class DemoDatabase : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"campaigns-targeting-{Guid.NewGuid():N}.db");
    private DatabaseOptions Options => new() { ConnectionString = $"Data Source={_path}" };

    public static readonly DateTime AsOf = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    protected virtual int Customers => 4000;

    public CampaignsDbContext Open() => Options.CreateContext();

    public TrainingSetBuilder TrainingSets(CampaignsDbContext db) => new(db);

    public AudienceBuilder Audiences(CampaignsDbContext db) => new(db, new ModelStore(db), Microsoft.Extensions.Options.Options.Create(new TargetingOptions()));

    public async Task InitializeAsync()
    {
        await using var db = Open();
        await db.MigrateAsync(migrateSqlServer: false);
        await new DemoStoreSeeder(db).SeedAsync(Customers, seed: 7, asOf: AsOf);
        await new ExperimentRollup(new ContextFactory(Options.CreateContext)).CatchUpAsync();
        await SeededAsync();
    }

    protected virtual Task SeededAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(_path + suffix); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>The demo store with a current targeting model trained on it (a T-learner: quick and good enough to rank).</summary>
public sealed class TrainedDemoDatabase : DemoDatabase
{
    public TrainingReport Report { get; private set; } = null!;

    protected override async Task SeededAsync()
    {
        await using var db = Open();
        Report = await new UpliftTrainingService(db, TrainingSets(db)).TrainAsync(new TrainingRequest(UpliftLearner.T), "tests", null);
    }
}
