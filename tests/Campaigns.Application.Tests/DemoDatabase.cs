using Campaigns.Application.Audiences;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Campaigns.Domain.Imports;
using Campaigns.Imports;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests;

/// <summary>A migrated database (on the run's provider) with a small demo store, its experiments rolled up, shared by a test class.</summary>
public class DemoDatabase : IAsyncLifetime
{
    private readonly TestDatabase _database = new("demo");
    private DatabaseOptions Options => _database.Options;

    public static readonly DateTime AsOf = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    protected virtual int Customers => 4000;

    public CampaignsDbContext Open() => Options.CreateContext();

    /// <summary>What the application's services open their short-lived contexts with.</summary>
    public IDbContextFactory<CampaignsDbContext> Factory => new ContextFactory(Options.CreateContext);

    public TrainingSetBuilder TrainingSets(CampaignsDbContext db) => new(db);

    public AudienceBuilder Audiences(CampaignsDbContext db) => new(db, new ModelStore(db), Microsoft.Extensions.Options.Options.Create(new TargetingOptions()));

    public async Task InitializeAsync()
    {
        await _database.CreateAsync();
        await using var db = Open();
        await new DemoStoreSeeder(db).SeedAsync(Customers, seed: 7, asOf: AsOf);
        await new ExperimentRollup(new ContextFactory(Options.CreateContext)).CatchUpAsync();
        await SeededAsync();
    }

    protected virtual Task SeededAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DropAsync();
}

/// <summary>The demo store with a current targeting model trained on it (a T-learner: quick and good enough to rank).</summary>
public sealed class TrainedDemoDatabase : DemoDatabase
{
    public TrainingReport Report { get; private set; } = null!;

    protected override async Task SeededAsync()
    {
        await using var db = Open();
        Report = await TestStores.TrainAsync(db, TrainingSets(db));
    }
}

/// <summary>What the test stores share: training a quick model, importing a file.</summary>
internal static class TestStores
{
    /// <summary>A T-learner: quick, and good enough to rank.</summary>
    public static Task<TrainingReport> TrainAsync(CampaignsDbContext db, TrainingSetBuilder builder) =>
        new UpliftTrainingService(db, builder).TrainAsync(new TrainingRequest(UpliftLearner.T), "tests", null);

    /// <summary>Imports a file with the suggested mapping changed by <paramref name="map"/>; every row must be stored.</summary>
    public static async Task ImportAsync(DatabaseOptions database, string file, ImportKind kind, string[] map, string rowIdPrefix,
        CampaignImportSettings? campaign = null)
    {
        var source = ImportSource.FromFile(file);
        var (_, suggested, reader) = ImportEngine.Preview(source, kind);
        reader.Dispose();
        var summary = await new ImportEngine(new ContextFactory(database.CreateContext)).RunAsync(source,
            new ImportSettings { Kind = kind, Mapping = suggested.With(kind, map), RowIdPrefix = rowIdPrefix, Campaign = campaign },
            new ImportRunOptions { User = "tests" });
        Assert.Equal(0, summary.Rejected);
    }
}
