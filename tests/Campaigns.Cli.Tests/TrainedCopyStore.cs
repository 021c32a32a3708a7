using Campaigns.Application.Copy;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Microsoft.Data.Sqlite;

namespace Campaigns.Cli.Tests;

/// <summary>
/// A small demo store whose registry holds a copy generator and two ranker versions (a small network, few epochs: quick
/// to train), so "current" is a choice the registry made, not simply the one model there is.
/// </summary>
public sealed class TrainedCopyStore : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaigns-cli-copy-").FullName;

    public string Database => $"Data Source={Path.Combine(_folder, "store.db")}";

    public string Folder => _folder;

    public CampaignsDbContext Open() => new DatabaseOptions { ConnectionString = Database }.CreateContext();

    private static CopyTrainingRequest Request(int seed) => new(Epochs: 6, Bootstraps: 4, Seed: seed, Threads: 1)
    {
        Generator = new CopyGeneratorOptions { EmbeddingSize = 32, Hidden = 64, BatchSize = 64, LearningRate = 1e-2 },
    };

    public async Task InitializeAsync()
    {
        await using var db = Open();
        await db.MigrateAsync(migrateServer: false);
        await new DemoStoreSeeder(db).SeedAsync(300, seed: 7);
        var training = new CopyTrainingService(db);
        var reports = await training.TrainBothAsync(Request(5), "tests", null);
        if (reports.FirstOrDefault(r => !r.Promoted) is { } failed) throw new InvalidOperationException($"The test {failed.Kind} was not promoted: {failed.Decision}");
        await training.TrainAsync(ModelKind.CtrRanker, Request(6), "tests", null);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
