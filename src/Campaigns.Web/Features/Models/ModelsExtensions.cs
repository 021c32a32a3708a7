using Campaigns.Data;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Models;

public static class ModelsExtensions
{
    public static void AddModels(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrainingLimits>().BindConfiguration(TrainingLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddJob<UpliftTrainingJob>(UpliftTrainingJob.Kind, "Train the uplift targeting model", exclusive: true);
        builder.Services.AddScoped<ModelOperations>();
        builder.Services.AddScoped<ScheduleAdmin>();
        builder.Services.AddScoped<ModelRegistryReader>();
        builder.Services.AddHostedService<FirstTraining>();
    }
}

/// <summary>
/// On a store with past experiments but no targeting model yet (a fresh demo store, a first import), trains one in
/// the background, so model-based audiences work without an Admin having to know to ask.
/// </summary>
internal sealed class FirstTraining(IServiceProvider services, IOptions<TrainingLimits> limits, ILogger<FirstTraining> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!limits.Value.TrainOnFirstStart) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
        if (await db.ModelVersions.AnyAsync(v => v.Kind == ModelKind.UpliftTargeting, ct)) return;
        if (await db.JobRuns.AnyAsync(r => r.Kind == UpliftTrainingJob.Kind && r.Status != JobStatus.Cancelled, ct)) return;
        if (!await db.Experiments.AnyAsync(e => e.Status == Domain.Experiments.ExperimentStatus.Stopped, ct)) return;
        await scope.ServiceProvider.GetRequiredService<JobRunner>().EnqueueAsync(UpliftTrainingJob.Kind, null, "first start", ct);
        log.LogInformation("No targeting model yet: training the first one in the background");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
