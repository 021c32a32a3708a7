using Campaigns.Application.Targeting;
using Campaigns.Ml.Uplift;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Infrastructure;

/// <summary>A store with enough past experiments to learn from, and a current targeting model trained on them.</summary>
public sealed class TargetedSeededApp : SeededApp, IAsyncLifetime
{
    public TargetedSeededApp() : base(3000) { }

    public async Task InitializeAsync()
    {
        using var scope = App.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<UpliftTrainingService>().TrainAsync(new TrainingRequest(UpliftLearner.T), "tests", null);
        if (!report.Promoted) throw new InvalidOperationException($"The test model was not promoted: {report.Decision}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
