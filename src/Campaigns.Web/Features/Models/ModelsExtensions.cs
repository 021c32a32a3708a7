using Campaigns.Application.Models;
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
        builder.AddJob<CopyTrainingJob>(CopyTrainingJob.GeneratorKind, "Train the copy generator", exclusive: true);
        builder.AddJob<CopyTrainingJob>(CopyTrainingJob.RankerKind, "Train the copy click-through ranker", exclusive: true);
        builder.AddJob<ModelMonitorJob>(ModelMonitorJob.Kind, "Monitor models (drift, calibration)", exclusive: true);
        builder.Services.AddScoped<ModelOperations>();
        builder.Services.AddScoped<ScheduleAdmin>();
        builder.Services.AddScoped<ModelRegistryReader>();
        builder.Services.AddHostedService<FirstTraining>();
        builder.Services.AddHostedService<CopyModelWarmUp>();
    }
}

public static class ModelEndpoints
{
    /// <summary>Training and job status over HTTP, for scripts and the latency benchmark; Admins only, like the Models page.</summary>
    public static void MapModelEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Models").RequireAuthorization(Security.Policies.Admin);
        api.MapPost("/models/uplift/train", async (UpliftTrainingJob.Parameters? parameters, JobRunner runner, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    var run = await runner.EnqueueAsync(UpliftTrainingJob.Kind, parameters ?? new UpliftTrainingJob.Parameters(), http.User.Identity?.Name ?? "admin", ct);
                    return Results.Accepted($"/api/jobs/{run.Id}", new { run.Id, run.Status });
                }
                catch (Domain.DomainException ex)
                {
                    return Results.Problem(statusCode: 409, title: "Training refused", detail: ex.Message);
                }
            })
            .WithSummary("Queues a training of the uplift targeting model (one at a time); returns the job run.");
        api.MapGet("/jobs/{id:guid}", async (Guid id, CampaignsDbContext db, CancellationToken ct) =>
                await db.JobRuns.AsNoTracking().Where(r => r.Id == id)
                    .Select(r => new { r.Id, r.Kind, r.Status, r.Stage, r.Progress, r.ResultSummary, r.Error, r.StartedAt, r.FinishedAt }).SingleOrDefaultAsync(ct) is { } run
                    ? Results.Ok(run) : Results.Problem(statusCode: 404, title: "Unknown job run", detail: $"No job run has id {id}."))
            .WithSummary("A background job run: status, stage, progress, outcome.");
    }
}

/// <summary>
/// On a store with data to learn from but no model of a kind yet (a fresh demo store, a first import), trains one in
/// the background: the targeting model once past experiments exist, the copy generator and ranker once past copy
/// exists. Model-based audiences and copy suggestions then work without an Admin having to know to ask.
/// </summary>
internal sealed class FirstTraining(IServiceProvider services, IOptions<TrainingLimits> limits, ILogger<FirstTraining> log) : IHostedService
{
    private const int MinimumCopyLines = 200;

    public async Task StartAsync(CancellationToken ct)
    {
        if (!limits.Value.TrainOnFirstStart) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
        var pastExperiments = await db.Experiments.AnyAsync(e => e.Status == Domain.Experiments.ExperimentStatus.Stopped, ct);
        // Enough copy for a held-out split to mean something (a store with a handful of written lines trains later, on demand).
        var pastCopy = await db.CopyVariants.CountAsync(v => v.Impressions > 0, ct) >= MinimumCopyLines;
        foreach (var (kind, hasData) in new[] { (ModelKind.UpliftTargeting, pastExperiments), (ModelKind.CopyGenerator, pastCopy), (ModelKind.CtrRanker, pastCopy) })
        {
            var job = ScheduledTraining.JobKind(kind);
            if (!hasData || await db.ModelVersions.AnyAsync(v => v.Kind == kind, ct)) continue;
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

/// <summary>
/// Loads the current copy generator and ranker into this instance's <see cref="ModelStore"/> cache after start-up, so
/// the first "Suggest copy" pays for generating, not for verifying and loading the artifacts (a second or more).
/// </summary>
internal sealed class CopyModelWarmUp(IServiceProvider services, ILogger<CopyModelWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await using var scope = services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ModelStore>();
            if (await store.CurrentAsync(ModelKind.CopyGenerator, ct) is { } generator) await store.LoadCopyGeneratorAsync(generator.Id, ct);
            if (await store.CurrentAsync(ModelKind.CtrRanker, ct) is { } ranker) await store.LoadCtrRankerAsync(ranker.Id, ct);
        }
        catch (Exception ex)
        {
            // Warming up is only a head start: a corrupt artifact or an unmigrated database is reported where it is used.
            log.LogWarning("Copy models were not preloaded: {Reason}", ex.Message);
        }
    }
}
