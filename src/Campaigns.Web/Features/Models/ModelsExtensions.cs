using System.Security.Claims;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Security;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Models;

public static class ModelsExtensions
{
    private const string TrainingCancelled = "The training stops at its next step and stores no model version. The current model stays in use.";

    /// <summary>Every registered kind's training job, monitoring, the schedules' recurring jobs and the start-up trainings.</summary>
    public static void AddModels(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrainingLimits>().BindConfiguration(TrainingLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        foreach (var kind in ModelKinds.All)
            builder.AddJob<ModelTrainingJob>(kind.TrainingJob, kind.TrainingJobTitle, exclusive: true, TrainingCancelled);
        builder.AddJob<ModelMonitorJob>(ModelRegistryReader.MonitorJob, "Monitor models (drift, calibration)", exclusive: true);
        builder.Services.AddScoped<IRetrainingScheduler, HangfireRetrainingScheduler>();
        builder.Services.AddScoped<ScheduledTraining>();
        builder.AddRecurringJobs(async (services, recurring, ct) =>
        {
            // Monitoring runs as a recorded job, so its findings and failures are readable like any other run.
            recurring.AddOrUpdate<ScheduledTraining>(ScheduledTraining.MonitorRecurringId, x => x.MonitorAsync(), Cron.Hourly(),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            var scheduler = services.GetRequiredService<IRetrainingScheduler>();
            foreach (var schedule in await services.GetRequiredService<CampaignsDbContext>().RetrainingSchedules.AsNoTracking().ToListAsync(ct))
                scheduler.Register(schedule);
        });
        builder.Services.AddHostedService<FirstTraining>();
        builder.Services.AddHostedService<CopyModelWarmUp>();
    }

    /// <summary>Training and job status over HTTP, for scripts and the latency benchmark; Admins only, like the Models page.</summary>
    public static void MapModelEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Models").RequireAuthorization(Policies.Admin);
        api.MapPost("/models/uplift/train", (UpliftTrainingParameters? parameters, JobRunner runner, ClaimsPrincipal user, CancellationToken ct) =>
                QueueAsync(ModelKinds.Get(ModelKind.UpliftTargeting), parameters ?? new UpliftTrainingParameters(), runner, user, ct))
            .WithSummary("Queues a training of the uplift targeting model with a learner (one at a time); returns the job run.");
        api.MapPost("/models/{kind}/train", (string kind, JobRunner runner, ClaimsPrincipal user, CancellationToken ct) =>
                ModelKinds.All.FirstOrDefault(d => d.Kind.ToString().Equals(kind, StringComparison.OrdinalIgnoreCase)) is { } definition
                    ? QueueAsync(definition, null, runner, user, ct)
                    : Task.FromResult(Results.Problem(statusCode: 404, title: "Unknown model kind",
                        detail: $"No model kind is named '{kind}'. Kinds: {string.Join(", ", ModelKinds.All.Select(d => d.Kind))}.")))
            .WithSummary("Queues a training of a model kind (e.g. CustomerInsights) with its default settings (one at a time); returns the job run.");
        api.MapGet("/jobs/{id:guid}", async (Guid id, CampaignsDbContext db, CancellationToken ct) =>
                await db.JobRuns.AsNoTracking().Where(r => r.Id == id)
                    .Select(r => new { r.Id, r.Kind, r.Status, r.Stage, r.Progress, r.ResultSummary, r.Error, r.StartedAt, r.FinishedAt }).SingleOrDefaultAsync(ct) is { } run
                    ? Results.Ok(run) : Results.Problem(statusCode: 404, title: "Unknown job run", detail: $"No job run has id {id}."))
            .WithSummary("A background job run: status, stage, progress, outcome.");
    }

    private static async Task<IResult> QueueAsync(ModelKindDefinition kind, object? parameters, JobRunner runner, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            var run = await runner.EnqueueAsync(kind.TrainingJob, parameters, CurrentUser.NameOf(user), ct);
            return Results.Accepted($"/api/jobs/{run.Id}", new { run.Id, run.Status });
        }
        catch (Domain.DomainException ex)
        {
            return Results.Problem(statusCode: 409, title: "Training refused", detail: ex.Message);
        }
    }
}
