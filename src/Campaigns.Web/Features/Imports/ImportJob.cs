using Campaigns.Application.Imports;
using Campaigns.Web.Features.Jobs;

namespace Campaigns.Web.Features.Imports;

/// <summary>The job adapter of <see cref="BackgroundImport"/>: a wizard's import, run on any instance.</summary>
public sealed class ImportJob(BackgroundImport import) : IJob
{
    public const string Kind = ImportJobParameters.JobKind;

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct) =>
        await import.RunAsync(context.Parameters<ImportJobParameters>(), context.TriggeredBy, context.ReportAsync, ct);

    public Task AbandonedAsync(string parametersJson, string reason, CancellationToken ct) => import.AbandonAsync(ImportJobParameters.Of(parametersJson), reason, ct);
}
