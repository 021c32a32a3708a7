using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Campaigns.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Models;

/// <summary>ML threads are capped so a training never takes every core from the pages.</summary>
public sealed class TrainingLimits
{
    public const string Section = "Training";
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int Threads { get; set; } = 1;
    /// <summary>Train the first targeting model at start-up when past experiments exist but no model does.</summary>
    public bool TrainOnFirstStart { get; set; } = true;
}

/// <summary>Trains the uplift targeting model as a recorded background run, with live progress and cooperative cancel.</summary>
public sealed class UpliftTrainingJob(UpliftTrainingService training, IOptions<TrainingLimits> limits, IDbContextFactory<CampaignsDbContext> dbFactory) : IJob
{
    public static readonly string Kind = ScheduledTraining.JobKind(ModelKind.UpliftTargeting);

    public sealed class Parameters
    {
        public UpliftLearner Learner { get; set; } = UpliftLearner.Auto;
        public TargetingOutcome Outcome { get; set; } = TargetingOutcome.Conversion;
    }

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        if (await TrainedBefore.SummaryAsync(dbFactory, context.RunId, ct) is { } done) return done;
        var p = context.Parameters<Parameters>();
        var report = await context.RunWithProgressAsync((progress, cancel) =>
            training.TrainAsync(new TrainingRequest(p.Learner, p.Outcome, limits.Value.Threads), context.TriggeredBy, context.RunId, progress, cancel), ct);
        return $"v{report.Version} ({report.Learner}): {report.Decision}";
    }
}
