using Campaigns.Application.Customers;
using Campaigns.Web.Features.Jobs;

namespace Campaigns.Web.Features.Customers;

/// <summary>Runs <see cref="CustomerScoring"/> as a recorded job: daily, after an import, and when a version is made current by hand.</summary>
public sealed class CustomerScoringJob(CustomerScoring scoring) : IJob
{
    public const string RecurringId = CustomerScoring.Job;

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct) =>
        await context.RunWithProgressAsync(scoring.ScoreCurrentAsync, ct);
}
