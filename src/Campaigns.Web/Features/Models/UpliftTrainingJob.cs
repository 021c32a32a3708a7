using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Campaigns.Targeting;
using Campaigns.Web.Features.Jobs;
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
public sealed class UpliftTrainingJob(UpliftTrainingService training, IOptions<TrainingLimits> limits) : IJob
{
    public static readonly string Kind = ScheduledTraining.JobKind(ModelKind.UpliftTargeting);

    public sealed class Parameters
    {
        public UpliftLearner Learner { get; set; } = UpliftLearner.Auto;
        public TargetingOutcome Outcome { get; set; } = TargetingOutcome.Conversion;
    }

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        var p = context.Parameters<Parameters>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var latest = new LatestProgress();
        var run = training.TrainAsync(new TrainingRequest(p.Learner, p.Outcome, limits.Value.Threads), context.TriggeredBy, context.RunId, latest, cancel.Token);
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
