using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Features.Models;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Models;

public class ModelMonitorTests(TargetedSeededApp store) : IClassFixture<TargetedSeededApp>
{
    private async Task<JobRun> RunToEndAsync(string kind)
    {
        using var scope = store.App.Services.CreateScope();
        var run = await scope.ServiceProvider.GetRequiredService<JobRunner>().EnqueueAsync(kind, null, "admin@demo.local");
        for (var i = 0; i < 600; i++)
        {
            await using var db = store.App.OpenDatabase();
            var stored = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
            if (stored.IsFinished) return stored;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The {kind} run did not finish.");
    }

    [Fact]
    public async Task Drift_beyond_the_admins_threshold_flags_the_model_with_the_reason_and_enqueues_a_retraining()
    {
        using (var scope = store.App.Services.CreateScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<ScheduleAdmin>().SaveAsync(
                new ScheduleRequest(ModelKind.UpliftTargeting, "0 3 * * 1", Enabled: false, AutoPromoteMinGain: null, DriftThreshold: 1e-9, CalibrationThreshold: 0.5), "admin@demo.local");
            Assert.True(saved.Succeeded, saved.Message);
        }

        var run = await RunToEndAsync(ModelMonitorJob.Kind);

        Assert.Equal(JobStatus.Succeeded, run.Status);
        await using var db = store.App.OpenDatabase();
        var current = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Kind == ModelKind.UpliftTargeting && v.Status == ModelStatus.Current);
        var report = ModelMonitoringReport.FromJson(current.MonitoringJson);
        Assert.NotNull(report);
        Assert.Equal(TargetingFeatures.CustomerNumeric + TargetingFeatures.CustomerCategorical, report.Drift.Count);
        var alert = await db.ModelAlerts.AsNoTracking().SingleAsync(a => a.ClearedAt == null);
        Assert.Equal(current.Id, alert.ModelVersionId);
        Assert.Contains("drifted (PSI", alert.Reason);
        var retraining = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == alert.RetrainRunId);
        Assert.Equal(ModelKinds.Get(ModelKind.UpliftTargeting).TrainingJob, retraining.Kind);
        Assert.Equal("monitor", retraining.TriggeredBy);

        // The retraining itself is not what this test is about: stop it.
        using var cancel = store.App.Services.CreateScope();
        await cancel.ServiceProvider.GetRequiredService<JobRunner>().RequestCancelAsync(retraining.Id, "tests");

        // A second check while the alert is open raises no second alert.
        await RunToEndAsync(ModelMonitorJob.Kind);
        await using var again = store.App.OpenDatabase();
        Assert.Equal(1, await again.ModelAlerts.CountAsync(a => a.ClearedAt == null));
    }
}
