using System.Text.Json;

namespace Campaigns.Web.Features.Jobs;

/// <summary>A kind of background work. Implementations are plain classes registered by kind; they report progress through the context.</summary>
public interface IJob
{
    /// <returns>A one-line summary shown with the finished run.</returns>
    Task<string?> RunAsync(JobContext context, CancellationToken ct);

    /// <summary>
    /// The run was given up because the instances running it kept stopping (<see cref="StaleRunSweep"/>): a job that keeps
    /// records of its own marks them failed here, so they do not stay "running".
    /// </summary>
    Task AbandonedAsync(string parametersJson, string reason, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>What a running job sees of its run record.</summary>
/// <param name="cancelRequested">Reads the run's cancel request now (not at the next report) and throws if there is one.</param>
public sealed class JobContext(Guid runId, string parametersJson, string triggeredBy, Func<string, double, Task> report, Func<Task>? cancelRequested = null)
{
    public Guid RunId { get; } = runId;
    /// <summary>The user, or "schedule" / "monitor", who asked for the run.</summary>
    public string TriggeredBy { get; } = triggeredBy;

    public string ParametersJson { get; } = parametersJson;

    public T Parameters<T>() where T : new() =>
        JsonSerializer.Deserialize<T>(ParametersJson, JsonSerializerOptions.Web) ?? new T();

    /// <summary>Throws <see cref="OperationCanceledException"/> if a cancel was requested: asked at a job's point of no return.</summary>
    public Task ThrowIfCancelRequestedAsync() => cancelRequested?.Invoke() ?? Task.CompletedTask;

    /// <summary>Records the stage and percent done; throws if a cancel was requested meanwhile.</summary>
    public Task ReportAsync(string stage, double percent) => report(stage, Math.Clamp(percent, 0, 100));

    /// <summary>
    /// Runs work that reports (stage, fraction) from its own threads: the latest report is written to the run every half
    /// second from here, where a cancel request surfaces, and then cancels the work.
    /// </summary>
    public async Task<T> RunWithProgressAsync<T>(Func<IProgress<(string Stage, double Fraction)>, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var latest = new LatestProgress();
        var run = work(latest, cancel.Token);
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(100, CancellationToken.None));
            var (stage, fraction) = latest.Value;
            try { await ReportAsync(stage, 100 * fraction); }
            catch (OperationCanceledException) { await cancel.CancelAsync(); }
        }
        return await run;
    }

    private sealed class LatestProgress : IProgress<(string Stage, double Fraction)>
    {
        // One reference write, so the reader never sees a stage with another stage's fraction.
        private volatile Tuple<string, double> _value = Tuple.Create("Starting", 0.0);
        public (string Stage, double Fraction) Value { get { var v = _value; return (v.Item1, v.Item2); } }
        public void Report((string Stage, double Fraction) value) => _value = Tuple.Create(value.Stage, value.Fraction);
    }
}
