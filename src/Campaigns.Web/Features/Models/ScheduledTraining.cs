using Campaigns.Application.Models;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;

namespace Campaigns.Web.Features.Models;

/// <summary>What a retraining schedule and the hourly monitoring fire: a recorded run of the kind's training, or of monitoring.</summary>
public sealed class ScheduledTraining(JobRunner runner, ILogger<ScheduledTraining> log)
{
    public const string MonitorRecurringId = ModelRegistryReader.MonitorJob;

    public Task MonitorAsync() => EnqueueOrSkipAsync(ModelRegistryReader.MonitorJob);

    public Task TriggerAsync(ModelKind kind) => EnqueueOrSkipAsync(ModelKinds.Get(kind).TrainingJob);

    private async Task EnqueueOrSkipAsync(string jobKind)
    {
        try
        {
            await runner.EnqueueAsync(jobKind, null, "schedule");
        }
        catch (Domain.DomainException ex)
        {
            // The same job is already queued or running: this tick is skipped, not retried.
            log.LogInformation("Scheduled {Kind} skipped: {Reason}", jobKind, ex.Message);
        }
    }
}
