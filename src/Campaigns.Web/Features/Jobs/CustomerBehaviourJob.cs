using Campaigns.Data;

namespace Campaigns.Web.Features.Jobs;

/// <summary>
/// Recomputes customers' behaviour aggregates; with a "since" date only customers with new orders or events
/// are touched.
/// </summary>
public sealed class CustomerBehaviourJob(CampaignsDbContext db) : IJob
{
    public const string Kind = "customer-behaviour";

    public sealed class Parameters
    {
        public DateTime? ChangedSince { get; set; }
    }

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        var since = context.Parameters<Parameters>().ChangedSince;
        var calculator = new CustomerBehaviourCalculator(db);
        await context.ReportAsync("Finding customers", 0);
        var ids = since is { } s ? await calculator.ChangedSinceAsync(s, ct) : null;
        var done = await calculator.RecomputeAsync(ids, (d, total) => context.ReportAsync($"Customers {d:N0} of {total:N0}", 100.0 * d / total), ct);
        return $"Recomputed behaviour of {done:N0} customers.";
    }
}
