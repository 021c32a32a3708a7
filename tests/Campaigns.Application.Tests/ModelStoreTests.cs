using Campaigns.Application.Audiences;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests;

public sealed class ModelStoreTests(TrainedDemoDatabase store) : IClassFixture<TrainedDemoDatabase>
{
    [Fact]
    public async Task The_current_model_loads_and_scores_with_the_features_it_was_trained_on()
    {
        await using var db = store.Open();
        var models = new ModelStore(db);
        var current = await models.CurrentAsync(ModelKind.UpliftTargeting);
        Assert.Equal(store.Report.VersionId, current?.Id);
        var model = await models.LoadUpliftAsync(current!.Id);
        Assert.Equal(TargetingFeatures.Numeric, model.NumericFeatures);
        Assert.Equal(TargetingFeatures.Categorical, model.CategoricalFeatures);
        Assert.Empty(AttributeSchema.Of(model.Metadata).Attributes);
    }

    [Fact]
    public async Task A_model_stored_before_custom_attributes_were_features_loads_and_scores_without_them()
    {
        await using var db = store.Open();
        var original = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == store.Report.VersionId);
        var model = UpliftModel.Load(new MemoryStream(original.Artifact));
        Assert.True(model.Metadata.Remove(AttributeSchema.MetadataKey));
        using var artifact = new MemoryStream();
        model.Save(artifact);
        var old = new ModelVersion
        {
            Kind = ModelKind.UpliftTargeting,
            Version = 800,
            Learner = original.Learner,
            Status = ModelStatus.Retired,
            Artifact = artifact.ToArray(),
            ArtifactSha256 = ModelStore.Checksum(artifact.ToArray()),
            TriggeredBy = "tests",
        };
        db.ModelVersions.Add(old);
        await db.SaveChangesAsync();

        var loaded = await new ModelStore(db).LoadUpliftAsync(old.Id);
        Assert.False(loaded.Metadata.ContainsKey(AttributeSchema.MetadataKey));
        var attributes = AttributeSchema.Of(loaded.Metadata);
        Assert.Same(AttributeSchema.None, attributes);
        var customers = await CustomerRow.AsOf(db, db.Customers.AsNoTracking().Take(50), DateTime.UtcNow).ToListAsync();
        var predictions = loaded.Predict(CustomerRow.Dataset(customers, new Promotion(), attributes, loaded.Arms));
        Assert.Equal(50, predictions.Count);
    }

    [Fact]
    public async Task A_corrupted_artifact_is_detected_by_its_checksum()
    {
        await using var db = store.Open();
        var original = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == store.Report.VersionId);
        var corrupt = original.Artifact.ToArray();
        corrupt[corrupt.Length / 2] ^= 0xFF;
        var copy = new ModelVersion
        {
            Kind = ModelKind.UpliftTargeting,
            Version = 900,
            Learner = original.Learner,
            Status = ModelStatus.Retired,
            Artifact = corrupt,
            ArtifactSha256 = original.ArtifactSha256,
            TriggeredBy = "tests",
        };
        db.ModelVersions.Add(copy);
        await db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new ModelStore(db).LoadUpliftAsync(copy.Id));
        Assert.Contains("checksum", error.Message);
    }
}
