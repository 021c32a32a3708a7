using Campaigns.Data;
using Hangfire;

namespace Campaigns.Web.Features.Jobs;

/// <summary>
/// Brings the per-customer experiment rollup up to date. Runs every minute as a plain recurring job (routine
/// and idempotent, so not recorded as a run each minute) and on demand from the Jobs page as a recorded run.
/// </summary>
public sealed class ExperimentRollupJob(ExperimentRollup rollup) : IJob
{
    public const string Kind = "experiment-rollup";
    public const string RecurringId = "experiment-rollup";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public Task CatchUpAsync(CancellationToken ct) => rollup.CatchUpAsync(ct: ct);

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        var read = await rollup.CatchUpAsync(p => context.ReportAsync("Rolling up events", p), ct);
        return $"Rolled up {read:N0} new events.";
    }
}
