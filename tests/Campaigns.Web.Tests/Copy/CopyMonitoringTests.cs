using Campaigns.Application.Campaigns;
using Campaigns.Application.Copy;
using Campaigns.Application.Models;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Features.Models;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Copy;

/// <summary>Copy chosen, launched and clicked in the running app, then judged by the monitoring job.</summary>
public class CopyMonitoringTests(CopySeededApp store) : IClassFixture<CopySeededApp>
{
    private const string Marketer = "marketer@demo.local", Manager = "manager@demo.local";

    private async Task<T> UseAsync<T>(Func<CopySuggestionService, CampaignService, Task<T>> use)
    {
        await using var scope = store.App.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<CopySuggestionService>(), scope.ServiceProvider.GetRequiredService<CampaignService>());
    }

    [Fact]
    public async Task Monitoring_counts_the_generators_picks_and_checks_the_ranker_against_the_clicks_copy_received()
    {
        var campaign = await store.App.DraftCampaignAsync(Marketer);
        var batch = (await UseAsync((copy, _) => copy.SuggestAsync(campaign.Id, Tone.Playful, Marketer))).Value!;
        foreach (var c in batch.Candidates.Take(3)) Assert.True((await UseAsync((copy, _) => copy.PickAsync(c.Id, null, Marketer))).Succeeded);
        await UseAsync((_, campaigns) => campaigns.SubmitAsync(campaign.Id, Marketer));
        await UseAsync((_, campaigns) => campaigns.ApproveAsync(campaign.Id, Manager, null));
        Assert.True((await UseAsync((_, campaigns) => campaigns.LaunchAsync(campaign.Id, Manager, 0.1))).Succeeded);

        // Each copy arm is shown once to every customer; the clicks are far from what the ranker predicted (30% of exposures).
        List<Guid> customers;
        await using (var db = store.App.OpenDatabase())
        {
            var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).SingleAsync(e => e.CampaignId == campaign.Id);
            customers = await db.Customers.AsNoTracking().Select(c => c.Id).ToListAsync();
            foreach (var arm in experiment.Arms.Where(a => a.CopyVariantId != null))
                for (var i = 0; i < customers.Count; i++)
                {
                    db.Events.Add(new ExperimentEvent { EventKey = $"{arm.Id}:e{i}", ExperimentId = experiment.Id, ArmId = arm.Id, CustomerId = customers[i], Type = EventType.Exposure, OccurredAt = DateTime.UtcNow });
                    if (i % 10 < 3)
                        db.Events.Add(new ExperimentEvent { EventKey = $"{arm.Id}:c{i}", ExperimentId = experiment.Id, ArmId = arm.Id, CustomerId = customers[i], Type = EventType.Click, OccurredAt = DateTime.UtcNow });
                }
            await db.SaveChangesAsync();
        }

        using (var scope = store.App.Services.CreateScope())
        {
            var run = await scope.ServiceProvider.GetRequiredService<JobRunner>().EnqueueAsync(ModelMonitorJob.Kind, null, "admin@demo.local");
            for (var i = 0; i < 600; i++)
            {
                await using var poll = store.App.OpenDatabase();
                if ((await poll.JobRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id)).IsFinished) break;
                await Task.Delay(100);
            }
        }

        await using var read = store.App.OpenDatabase();
        var variants = await read.CopyVariants.AsNoTracking().Where(v => v.CampaignId == campaign.Id).ToListAsync();
        var clicks = Enumerable.Range(0, customers.Count).Count(i => i % 10 < 3);
        Assert.All(variants, v => Assert.Equal((customers.Count, clicks), (v.Impressions, v.Clicks)));
        var generator = await read.ModelVersions.AsNoTracking().SingleAsync(v => v.Kind == ModelKind.CopyGenerator && v.Status == ModelStatus.Current);
        var use = ModelMonitoringReport.FromJson(generator.MonitoringJson)!.Suggestions!;
        Assert.True(use.Picks >= 3 && use.RequestsWithPick >= 1 && use.Requests >= use.RequestsWithPick, $"{use}");
        var ranker = await read.ModelVersions.AsNoTracking().SingleAsync(v => v.Kind == ModelKind.CtrRanker && v.Status == ModelStatus.Current);
        var report = ModelMonitoringReport.FromJson(ranker.MonitoringJson)!;
        var rows = report.CopyCalibration!.Where(r => variants.Any(v => v.Headline == r.Headline)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal((double)clicks / customers.Count, r.Observed, 9));
        Assert.Contains(report.Breaches, b => b.Contains("clicked as predicted", StringComparison.Ordinal));
        var alert = await read.ModelAlerts.AsNoTracking().SingleAsync(a => a.ModelVersionId == ranker.Id && a.ClearedAt == null);

        // The retraining the alert queued is not what this test is about, and must not change the models under the other tests.
        using var cancel = store.App.Services.CreateScope();
        await cancel.ServiceProvider.GetRequiredService<JobRunner>().RequestCancelAsync(alert.RetrainRunId!.Value, "tests");
    }
}
