using Campaigns.Application.Experiments;
using Hangfire;

namespace Campaigns.Web.Features.Experiments;

/// <summary>
/// The copy bandit's recurring re-weighting (<see cref="CopyBandit"/>), every 15 minutes. One run at a time across the
/// cluster: two overlapping runs would both store snapshots and could both stop a test's exploration (two audits). A run
/// that fails is not retried: Hangfire keeps it failed with its error on the jobs dashboard, the run wrote nothing (one
/// save at its end), and the next quarter hour re-weights on fresher counts, where a retry would use stale ones late.
/// </summary>
public sealed class CopyBanditJob(CopyBandit bandit)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public Task<int> ReweightAsync(CancellationToken ct) => bandit.ReweightAsync(ct);
}
