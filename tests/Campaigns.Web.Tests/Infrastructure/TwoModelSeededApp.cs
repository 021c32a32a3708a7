using Campaigns.Ml.Uplift;
using Campaigns.Targeting;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Infrastructure;

/// <summary>
/// A store with two trained uplift versions: v1 (T-learner, current) and v2 (S-learner, a candidate: with no schedule
/// rule a second version waits for an Admin).
/// </summary>
public sealed class TwoModelSeededApp : SeededApp, IAsyncLifetime
{
    public TwoModelSeededApp() : base(3000) { }

    public async Task InitializeAsync()
    {
        using var scope = App.Services.CreateScope();
        var training = scope.ServiceProvider.GetRequiredService<UpliftTrainingService>();
        var first = await training.TrainAsync(new TrainingRequest(UpliftLearner.T), "tests", null);
        if (!first.Promoted) throw new InvalidOperationException($"The first test model was not promoted: {first.Decision}");
        var second = await training.TrainAsync(new TrainingRequest(UpliftLearner.S), "tests", null);
        if (second.Promoted) throw new InvalidOperationException($"The second test model should wait for an Admin: {second.Decision}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
