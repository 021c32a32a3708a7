using Campaigns.Application.Imports;
using Campaigns.Web.Features.Customers;
using Campaigns.Web.Features.Jobs;

namespace Campaigns.Web.Features.Imports;

/// <summary>The job adapter of <see cref="BackgroundImport"/>: a wizard's import, run on any instance.</summary>
public sealed class ImportJob(BackgroundImport import, CustomerScoringTrigger scoring) : IJob
{
    public const string Kind = ImportJobParameters.JobKind;

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        var summary = await import.RunAsync(context.Parameters<ImportJobParameters>(), context.TriggeredBy, context.ReportAsync, ct);
        // New customers and orders change who is at risk and what they are worth.
        await scoring.EnqueueAsync("import");
        return summary;
    }

    public Task AbandonedAsync(string parametersJson, string reason, CancellationToken ct) => import.AbandonAsync(ImportJobParameters.Of(parametersJson), reason, ct);
}
