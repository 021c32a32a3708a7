using Campaigns.Application.Common;
using Campaigns.Application.Models;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Tests.Models;

public class ModelMonitoringTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private async Task<string> MonitorAsync()
    {
        var services = new ServiceCollection().AddModels()
            .AddScoped(_ => database.Open()).AddSingleton<IJobQueue, RefusingQueue>().BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ModelMonitoring>().RunAsync(null, CancellationToken.None);
    }

    [Fact]
    public async Task Each_current_kind_is_checked_by_its_own_monitor_and_the_report_is_stored_with_the_version()
    {
        Assert.Equal("No model is current: nothing to monitor.", await MonitorAsync());
        await using (var db = database.Open())
        {
            foreach (var kind in new[] { ModelKind.CopyGenerator, ModelKind.CtrRanker })
                db.ModelVersions.Add(new ModelVersion { Kind = kind, Version = 1, Learner = "test", Status = ModelStatus.Current, ArtifactSha256 = "", TriggeredBy = "test" });
            await db.SaveChangesAsync();
        }

        var summary = await MonitorAsync();

        Assert.Equal("Generator v1: 0 of 0 request(s) led to a pick in 30 days. Ranker v1: 0 copy line(s) with 200+ impressions, too few to judge.", summary);
        await using var read = database.Open();
        var reports = await read.ModelVersions.AsNoTracking().ToDictionaryAsync(v => v.Kind, v => ModelMonitoringReport.FromJson(v.MonitoringJson)!);
        Assert.Equal(0, reports[ModelKind.CopyGenerator].Suggestions!.Requests);
        Assert.Null(reports[ModelKind.CopyGenerator].CopyCalibration);
        Assert.Empty(reports[ModelKind.CtrRanker].CopyCalibration!);
        Assert.Null(reports[ModelKind.CtrRanker].Suggestions);
        Assert.Empty(await read.ModelAlerts.ToListAsync());
    }

    /// <summary>Nothing here breaches, so nothing may be queued.</summary>
    private sealed class RefusingQueue : IJobQueue
    {
        public Task<JobRun> EnqueueAsync(string kind, object? parameters, string triggeredBy, CancellationToken ct = default) =>
            throw new InvalidOperationException($"Nothing should be queued, yet {kind} was.");
    }
}
