using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests;

/// <summary>The loaded-model cache is process-wide: these tests run alone, so no other class loads models meanwhile.</summary>
[CollectionDefinition(nameof(ModelCache), DisableParallelization = true)]
public sealed class ModelCache;

[Collection(nameof(ModelCache))]
public sealed class ModelCacheTests(TrainedDemoDatabase store) : IClassFixture<TrainedDemoDatabase>
{
    [Fact]
    public async Task Only_the_most_recently_used_versions_stay_loaded()
    {
        await using var db = store.Open();
        var original = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == store.Report.VersionId);
        // Retired copies of the current version's bytes: as many versions as a long-lived instance meets over retrainings.
        var versions = Enumerable.Range(0, ModelStore.KeptPerKind + 1).Select(i => new ModelVersion
        {
            Kind = ModelKind.UpliftTargeting,
            Version = 700 + i,
            Learner = original.Learner,
            Status = ModelStatus.Retired,
            Artifact = original.Artifact,
            ArtifactSha256 = original.ArtifactSha256,
            TriggeredBy = "tests",
        }).ToList();
        db.ModelVersions.AddRange(versions);
        await db.SaveChangesAsync();
        var models = new ModelStore(db);
        var first = await models.LoadUpliftAsync(versions[0].Id);
        var second = await models.LoadUpliftAsync(versions[1].Id);
        Assert.Same(first, await models.LoadUpliftAsync(versions[0].Id));

        // Using the first again made the second the oldest: loading the rest pushes it out, not the first.
        foreach (var v in versions.Skip(2)) await models.LoadUpliftAsync(v.Id);

        Assert.Same(first, await models.LoadUpliftAsync(versions[0].Id));
        Assert.NotSame(second, await models.LoadUpliftAsync(versions[1].Id));
    }
}
