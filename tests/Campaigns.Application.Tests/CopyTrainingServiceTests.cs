using Campaigns.Application.Copy;
using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests;

/// <summary>The demo store with a small customer base: the copy corpus does not depend on it.</summary>
public sealed class CopyDemoDatabase : DemoDatabase
{
    protected override int Customers => 300;

    /// <summary>A small network and few epochs: enough to beat the bigram baseline on the demo's templates, quickly.</summary>
    public static CopyTrainingRequest Request => new(Epochs: 6, Bootstraps: 2, Seed: 5, Threads: 1)
    {
        Generator = new CopyGeneratorOptions { EmbeddingSize = 32, Hidden = 64, BatchSize = 64, LearningRate = 1e-2 },
    };
}

public sealed class CopyTrainingServiceTests(CopyDemoDatabase demo) : IClassFixture<CopyDemoDatabase>
{
    [Fact]
    public async Task Training_on_a_seeded_store_stores_a_current_version_of_each_kind_whose_artifact_loads_and_verifies()
    {
        var stages = new List<string>();
        IReadOnlyList<CopyTrainingReport> reports;
        await using (var db = demo.Open())
        {
            // Another test of this class may have trained a ranker first: a version is then promoted only if it is better.
            var hadCurrent = new HashSet<ModelKind>();
            foreach (var kind in new[] { ModelKind.CopyGenerator, ModelKind.CtrRanker })
                if (await new ModelStore(db).CurrentAsync(kind) is not null) hadCurrent.Add(kind);
            reports = await new CopyTrainingService(db).TrainBothAsync(CopyDemoDatabase.Request, "tests", null,
                new SyncProgress<(string Stage, double Fraction)>(p => { lock (stages) stages.Add(p.Stage); }));
            Assert.Equal([ModelKind.CopyGenerator, ModelKind.CtrRanker], reports.Select(r => r.Kind));
            Assert.All(reports.Where(r => !hadCurrent.Contains(r.Kind)), r => Assert.True(r.Promoted, r.Decision));
        }
        Assert.Contains(stages, s => s.StartsWith("Epoch 1/", StringComparison.Ordinal) && s.Contains("loss", StringComparison.Ordinal));

        await using var read = demo.Open();
        var store = new ModelStore(read);
        Assert.NotNull(await store.CurrentAsync(ModelKind.CopyGenerator));
        Assert.NotNull(await store.CurrentAsync(ModelKind.CtrRanker));
        var generatorId = reports[0].VersionId;
        var rankerId = reports[1].VersionId;

        var generatorRow = await read.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == generatorId);
        var generatorMetrics = System.Text.Json.JsonSerializer.Deserialize<CopyGeneratorVersionMetrics>(generatorRow.MetricsJson, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal(generatorMetrics.Generator.TestPerplexity, generatorRow.MainMetric);
        Assert.True(generatorMetrics.Generator.TestPerplexity < generatorMetrics.Generator.BigramPerplexity);
        Assert.True(generatorRow.RowCount > 3000);
        Assert.True(generatorRow.TrainingTime > TimeSpan.Zero);
        Assert.True(generatorRow.DataFrom < generatorRow.DataTo);
        Assert.Equal("tests", generatorRow.TriggeredBy);

        var rankerRow = await read.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == rankerId);
        var rankerMetrics = System.Text.Json.JsonSerializer.Deserialize<CtrRankerVersionMetrics>(rankerRow.MetricsJson, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal(rankerMetrics.Ranker.Auc, rankerRow.MainMetric);
        Assert.True(rankerMetrics.Ranker.Auc > rankerMetrics.Ranker.LengthOnlyAuc);
        Assert.True(rankerMetrics.Ranker.LogLoss > 0);

        var generator = await store.LoadCopyGeneratorAsync(generatorId);
        Assert.Equal(generatorMetrics.Generator.TestPerplexity, generator.Metrics.TestPerplexity, 6);
        var ranker = await store.LoadCtrRankerAsync(rankerId);
        Assert.Equal(rankerMetrics.Ranker.Auc, ranker.Metrics.Auc, 6);
        Assert.Equal(ModelStore.Checksum(generatorRow.Artifact), generatorRow.ArtifactSha256);
    }

    [Fact]
    public async Task A_copy_artifact_that_does_not_match_its_checksum_is_refused()
    {
        await using var db = demo.Open();
        var report = await new CopyTrainingService(db).TrainAsync(ModelKind.CtrRanker, CopyDemoDatabase.Request, "tests", null);
        var row = await db.ModelVersions.SingleAsync(v => v.Id == report.VersionId);
        var stored = row.Artifact;
        row.Artifact = [.. stored.Take(stored.Length - 1), (byte)(stored[^1] ^ 1)];
        await db.SaveChangesAsync();
        await Assert.ThrowsAsync<InvalidDataException>(() => new ModelStore(db).LoadCtrRankerAsync(report.VersionId));
        // Put back: the class's other tests load the current ranker.
        row.Artifact = stored;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_cancelled_generator_training_stores_nothing()
    {
        await using var db = demo.Open();
        var before = await db.ModelVersions.CountAsync(v => v.Kind == ModelKind.CopyGenerator);
        using var cancel = new CancellationTokenSource();
        var training = new CopyTrainingService(db).TrainAsync(ModelKind.CopyGenerator, CopyDemoDatabase.Request, "tests", null,
            new SyncProgress<(string Stage, double Fraction)>(p => { if (p.Stage.StartsWith("Epoch", StringComparison.Ordinal)) cancel.Cancel(); }), cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => training);
        Assert.Equal(before, await db.ModelVersions.CountAsync(v => v.Kind == ModelKind.CopyGenerator));
    }
}
