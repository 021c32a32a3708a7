using System.Text.Json;
using Campaigns.Application.Copy;
using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Copy;

public sealed class ToneClassifierKindTests(CopyDemoDatabase demo) : IClassFixture<CopyDemoDatabase>
{
    [Fact]
    public async Task Trained_on_the_demo_copy_the_classifier_becomes_current_and_its_artifact_verifies_and_loads()
    {
        await using var db = demo.Open();
        var kind = ModelKinds.Get(ModelKind.ToneClassifier);
        Assert.True(await kind.HasTrainingDataAsync(db, default));

        var stored = await new ToneClassifierTrainingService(db).TrainAsync(ModelKind.ToneClassifier, new TrainingRun("tests") { ParametersJson = """{"seed":3}""" }, default);

        Assert.True(stored.Promoted, stored.Decision);
        var row = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == stored.VersionId);
        kind.Verify(row.Artifact);
        var metrics = JsonDocument.Parse(row.MetricsJson).RootElement.GetProperty("classifier");
        Assert.Equal(row.MainMetric!.Value, metrics.GetProperty("macroAccuracy").GetDouble());
        Assert.True(row.MainMetric > metrics.GetProperty("chanceMacroAccuracy").GetDouble());
        Assert.Equal(4, metrics.GetProperty("confusion").EnumerateObject().Count());
        var classifier = await new ModelStore(db).LoadToneClassifierAsync(stored.VersionId);
        Assert.Equal(row.MainMetric!.Value, classifier.Metrics.MacroAccuracy, 6);
        Assert.Contains(classifier.Predict(["Last chance: 20% off ends tonight"]), p => Enum.IsDefined(p.Tone));
    }

    [Fact]
    public void An_artifact_that_is_not_a_tone_classifier_fails_the_kinds_check()
    {
        var error = Assert.Throws<InvalidDataException>(() => ModelKinds.Get(ModelKind.ToneClassifier).Verify([0x50, 0x4b, 1, 2]));
        Assert.Contains("tone classifier", error.Message);
    }
}
