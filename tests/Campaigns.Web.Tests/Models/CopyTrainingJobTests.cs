using Campaigns.Application.Copy;
using Campaigns.Application.Models;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Models;

/// <summary>The copy models' training jobs in the running app: queued like any job, recorded, cancellable.</summary>
public class CopyTrainingJobTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    private const string Admin = "admin@demo.local";

    [Fact]
    public void Both_copy_models_are_trainable_and_schedulable_on_the_models_page()
    {
        var catalog = fixture.App.Services.GetRequiredService<JobCatalog>();
        Assert.True(catalog.Contains(ModelKinds.Get(ModelKind.CopyGenerator).TrainingJob));
        Assert.True(catalog.Contains(ModelKinds.Get(ModelKind.CtrRanker).TrainingJob));
    }

    [Fact]
    public async Task A_ranker_training_run_stores_a_current_version_that_names_its_run()
    {
        var run = await EnqueueAsync(ModelKinds.Get(ModelKind.CtrRanker).TrainingJob, new CopyTrainingParameters { Bootstraps = 2 });
        var finished = await WaitForAsync(run.Id, r => r.IsFinished);

        Assert.Equal(JobStatus.Succeeded, finished.Status);
        await using var db = fixture.App.OpenDatabase();
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.JobRunId == run.Id);
        Assert.Equal(ModelKind.CtrRanker, version.Kind);
        Assert.Equal(Admin, version.TriggeredBy);
        Assert.Contains($"v{version.Version}", finished.ResultSummary);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var ranker = await scope.ServiceProvider.GetRequiredService<ModelStore>().LoadCtrRankerAsync(version.Id);
        Assert.Equal(version.MainMetric!.Value, ranker.Metrics.Auc, 6);
    }

    [Fact]
    public async Task Cancelling_a_generator_training_run_ends_it_cancelled_after_showing_epoch_progress_and_stores_nothing()
    {
        var run = await EnqueueAsync(ModelKinds.Get(ModelKind.CopyGenerator).TrainingJob, new CopyTrainingParameters { Epochs = 200 });
        var running = await WaitForAsync(run.Id, r => r.Status == JobStatus.Running && r.Stage != null && r.Stage.StartsWith("Epoch", StringComparison.Ordinal));
        Assert.Contains("loss", running.Stage);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<JobRunner>().RequestCancelAsync(run.Id, Admin));
        var finished = await WaitForAsync(run.Id, r => r.IsFinished);

        Assert.Equal(JobStatus.Cancelled, finished.Status);
        await using var db = fixture.App.OpenDatabase();
        Assert.False(await db.ModelVersions.AnyAsync(v => v.JobRunId == run.Id));
    }

    private async Task<JobRun> EnqueueAsync(string kind, CopyTrainingParameters parameters)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JobRunner>().EnqueueAsync(kind, parameters, Admin);
    }

    private async Task<JobRun> WaitForAsync(Guid runId, Func<JobRun, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            await using var db = fixture.App.OpenDatabase();
            var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (condition(run)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Run {runId} is {run.Status} at {run.Progress:0}% ({run.Stage}).");
            await Task.Delay(100);
        }
    }
}
