using Campaigns.Application.Targeting;
using Campaigns.Ml.Uplift;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.Infrastructure;

/// <summary>A store with enough past experiments for a model to learn who responds, and a way to train its first model quickly.</summary>
public abstract class TargetedBrowserTest(ITestOutputHelper output) : BrowserTest(output)
{
    protected override int Customers => 3000;

    /// <summary>Trains v1 with the T-learner (quick, and it ranks well enough to be promoted).</summary>
    protected async Task TrainFirstModelAsync()
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UpliftTrainingService>().TrainAsync(new TrainingRequest(UpliftLearner.T), "tests", null);
    }
}
