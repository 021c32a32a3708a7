using Campaigns.Domain.Models;
using Campaigns.Targeting.Copy;
using Campaigns.Web.Features.Jobs;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Models;

/// <summary>
/// Trains one copy model (the generator or the CTR ranker) as a recorded background run, with live progress (epoch,
/// loss) and cooperative cancel. One class registered under both job kinds (<c>train-CopyGenerator</c>,
/// <c>train-CtrRanker</c>); the key it was resolved with says which model to train.
/// </summary>
public sealed class CopyTrainingJob(CopyTrainingService training, IOptions<TrainingLimits> limits, [ServiceKey] string jobKind) : IJob
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
        var p = context.Parameters<Parameters>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var latest = new LatestProgress();
        var request = new CopyTrainingRequest(p.Epochs, p.Bootstraps, p.Seed, limits.Value.Threads);
        var run = training.TrainAsync(Kind, request, context.TriggeredBy, context.RunId, latest, cancel.Token);
        // The trainer reports from its own thread; the run record is written from here, where a cancel request surfaces.
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(500, CancellationToken.None));
            var (stage, fraction) = latest.Value;
            try { await context.ReportAsync(stage, 100 * fraction); }
            catch (OperationCanceledException) { await cancel.CancelAsync(); }
        }
        var report = await run;
        return $"v{report.Version} ({report.Learner}): {report.Decision}";
    }

    private sealed class LatestProgress : IProgress<(string Stage, double Fraction)>
    {
        // One reference write, so the reader never sees a stage with another stage's fraction.
        private volatile Tuple<string, double> _value = Tuple.Create("Starting", 0.0);
        public (string Stage, double Fraction) Value { get { var v = _value; return (v.Item1, v.Item2); } }
        public void Report((string Stage, double Fraction) value) => _value = Tuple.Create(value.Stage, value.Fraction);
    }
}
