using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Jobs;
using Campaigns.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Models;

/// <summary>
/// On a store with data to learn from but no model of a kind yet (a fresh demo store, a first import), trains one in
/// the background: each kind once its definition finds data for it (past experiments, past copy). Model-based audiences and copy suggestions then work without an Admin having to know to ask.
/// </summary>
internal sealed class FirstTraining(IServiceProvider services, IOptions<TrainingLimits> limits, ILogger<FirstTraining> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!limits.Value.TrainOnFirstStart) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
        foreach (var definition in ModelKinds.All)
        {
            var (kind, job) = (definition.Kind, definition.TrainingJob);
            if (await db.ModelVersions.AnyAsync(v => v.Kind == kind, ct) || !await definition.HasTrainingDataAsync(db, ct)) continue;
            if (await db.JobRuns.AnyAsync(r => r.Kind == job && r.Status != JobStatus.Cancelled, ct)) continue;
            try
            {
                await scope.ServiceProvider.GetRequiredService<JobRunner>().EnqueueAsync(job, null, "first start", ct);
                log.LogInformation("No {Kind} model yet: training the first one in the background", kind);
            }
            catch (Domain.DomainException)
            {
                // Another instance starting at the same moment queued it first.
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
