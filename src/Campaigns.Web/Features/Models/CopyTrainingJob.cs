using Campaigns.Application.Copy;
using Campaigns.Data;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Models;

/// <summary>
/// Trains one copy model (the generator or the CTR ranker) as a recorded background run, with live progress (epoch,
/// loss) and cooperative cancel. One class registered under both job kinds (<c>train-CopyGenerator</c>,
/// <c>train-CtrRanker</c>); the key it was resolved with says which model to train.
/// </summary>
public sealed class CopyTrainingJob(CopyTrainingService training, IOptions<TrainingLimits> limits, IDbContextFactory<CampaignsDbContext> dbFactory,
    [ServiceKey] string jobKind) : IJob
{
    public static readonly string GeneratorKind = ScheduledTraining.JobKind(ModelKind.CopyGenerator);
    public static readonly string RankerKind = ScheduledTraining.JobKind(ModelKind.CtrRanker);

    public sealed class Parameters
    {
        public int Epochs { get; set; } = 20;
        public int Bootstraps { get; set; } = 20;
        public int Seed { get; set; } = 42;
    }

    public ModelKind Kind => jobKind == GeneratorKind ? ModelKind.CopyGenerator
        : jobKind == RankerKind ? ModelKind.CtrRanker
        : throw new InvalidOperationException($"{nameof(CopyTrainingJob)} is not registered for '{jobKind}'.");

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        if (await TrainedBefore.SummaryAsync(dbFactory, context.RunId, ct) is { } done) return done;
        var p = context.Parameters<Parameters>();
        var request = new CopyTrainingRequest(p.Epochs, p.Bootstraps, p.Seed, limits.Value.Threads);
        var report = await context.RunWithProgressAsync((progress, cancel) =>
            training.TrainAsync(Kind, request, context.TriggeredBy, context.RunId, progress, cancel), ct);
        return $"v{report.Version} ({report.Learner}): {report.Decision}";
    }
}
