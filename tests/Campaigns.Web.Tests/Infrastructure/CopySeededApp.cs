using Campaigns.Application.Copy;
using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Campaigns.Ml.Copy;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Infrastructure;

/// <summary>A small demo store with a current copy generator, CTR ranker and tone classifier (a small network, few epochs: quick to train).</summary>
public sealed class CopySeededApp : SeededApp, IAsyncLifetime
{
    public static CopyTrainingRequest Request => new(Epochs: 6, Bootstraps: 4, Seed: 5, Threads: 1)
    {
        Generator = new CopyGeneratorOptions { EmbeddingSize = 32, Hidden = 64, BatchSize = 64, LearningRate = 1e-2 },
    };

    public async Task InitializeAsync()
    {
        using var scope = App.Services.CreateScope();
        var reports = await scope.ServiceProvider.GetRequiredService<CopyTrainingService>().TrainBothAsync(Request, "tests", null);
        if (reports.FirstOrDefault(r => !r.Promoted) is { } failed) throw new InvalidOperationException($"The test {failed.Kind} was not promoted: {failed.Decision}");
        var tone = await scope.ServiceProvider.GetRequiredService<ToneClassifierTrainingService>().TrainAsync(ModelKind.ToneClassifier, new TrainingRun("tests"), default);
        if (!tone.Promoted) throw new InvalidOperationException($"The test tone classifier was not promoted: {tone.Decision}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
