using Campaigns.Application.Models;
using Campaigns.Web.Features.Jobs;

namespace Campaigns.Web.Features.Models;

/// <summary>Runs <see cref="ModelMonitoring"/> as a recorded job, so its findings and failures are readable like any other run.</summary>
public sealed class ModelMonitorJob(ModelMonitoring monitoring) : IJob
{
    public const string Kind = ModelRegistryReader.MonitorJob;

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct) =>
        await context.RunWithProgressAsync(monitoring.RunAsync, ct);
}
