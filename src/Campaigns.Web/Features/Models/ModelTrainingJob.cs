using Campaigns.Application.Common;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Models;

/// <summary>
/// Trains one model kind as a recorded background run, with live progress and cooperative cancel: one class registered
/// under every kind's training job (<c>train-{Kind}</c>), handing the run to that kind's <see cref="IModelTrainer"/>.
/// </summary>
public sealed class ModelTrainingJob(IServiceProvider services, IOptions<TrainingLimits> limits, IDbContextFactory<CampaignsDbContext> dbFactory,
    [ServiceKey] string jobKind) : IJob
{
    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        var kind = ModelKinds.ByTrainingJob(jobKind) ?? throw new InvalidOperationException($"{nameof(ModelTrainingJob)} is not registered for '{jobKind}'.");
        if (await TrainedBefore.SummaryAsync(dbFactory, services.GetRequiredService<IJobQueue>(), context.RunId, context.TriggeredBy, ct) is { } done) return done;
        var trainer = services.GetRequiredKeyedService<IModelTrainer>(kind.Kind);
        var stored = await context.RunWithProgressAsync((progress, cancel) => trainer.TrainAsync(kind.Kind,
            new TrainingRun(context.TriggeredBy, context.RunId)
            {
                ParametersJson = context.ParametersJson, Threads = limits.Value.Threads, Progress = progress, ConfirmAsync = _ => context.ThrowIfCancelRequestedAsync(),
            }, cancel), ct);
        return stored.Summary;
    }
}
