using Campaigns.Domain.Jobs;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Jobs;

public class JobRecoveryTests
{
    [Fact]
    public async Task A_run_left_running_by_a_stop_is_run_again_at_start_up()
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-restart-{Guid.NewGuid():N}.db");
        Guid runId;
        using (var first = new AppFactory(path, deleteDatabase: false))
        {
            first.AnonymousClient();
            await using var db = first.OpenDatabase();
            // What a process killed mid-job leaves behind.
            var run = new JobRun { Kind = CustomerBehaviourJob.Kind, TriggeredBy = "test", Status = JobStatus.Running, StartedAt = DateTime.UtcNow, Progress = 40 };
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        using var second = new AppFactory(path);
        second.AnonymousClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JobRun? finished = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = second.OpenDatabase();
            finished = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (finished.IsFinished) break;
            await Task.Delay(250);
        }
        Assert.Equal(JobStatus.Succeeded, finished!.Status);
        Assert.Equal(100, finished.Progress);
        Assert.Equal(1, finished.Attempts);
        Assert.StartsWith("Recomputed behaviour of 400 customers", finished.ResultSummary);
    }

    [Fact]
    public async Task A_run_the_process_died_under_more_often_than_the_takeover_limit_is_failed_at_start_up_not_run_again()
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-restart-{Guid.NewGuid():N}.db");
        Guid crashing, once;
        using (var first = new AppFactory(path, deleteDatabase: false))
        {
            first.AnonymousClient();
            await using var db = first.OpenDatabase();
            // Left running by a kill after three restarts already re-ran it (Jobs:MaxTakeovers is 3), and one killed for the first time.
            var seen = DateTime.UtcNow.AddSeconds(-5);
            var loop = new JobRun { Kind = CustomerBehaviourJob.Kind, TriggeredBy = "test", Status = JobStatus.Running, StartedAt = seen, HeartbeatAt = seen, Attempts = 4, Takeovers = 3 };
            var fresh = new JobRun { Kind = ExperimentRollupJob.Kind, TriggeredBy = "test", Status = JobStatus.Running, StartedAt = seen, HeartbeatAt = seen, Attempts = 1 };
            db.JobRuns.AddRange(loop, fresh);
            await db.SaveChangesAsync();
            (crashing, once) = (loop.Id, fresh.Id);
        }

        using var second = new AppFactory(path);
        second.AnonymousClient();
        await using (var db = second.OpenDatabase())
        {
            var failed = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == crashing);
            Assert.Equal((JobStatus.Failed, 4, 3), (failed.Status, failed.Attempts, failed.Takeovers));
            Assert.Contains("stopped 4 times while running this job", failed.Error);
        }
        JobRun? rerun = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && rerun is not { IsFinished: true }; await Task.Delay(250))
        {
            await using var db = second.OpenDatabase();
            rerun = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == once);
        }
        Assert.Equal((JobStatus.Succeeded, 2, 1), (rerun!.Status, rerun.Attempts, rerun.Takeovers));
    }

    [Fact]
    public async Task A_second_exclusive_run_is_refused_while_one_is_queued()
    {
        using var app = new AppFactory();
        app.AnonymousClient();
        await using var scope = app.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<JobRunner>();
        await using (var db = app.OpenDatabase())
        {
            db.JobRuns.Add(new JobRun { Kind = CustomerBehaviourJob.Kind, TriggeredBy = "test", Status = JobStatus.Running });
            await db.SaveChangesAsync();
        }
        var ex = await Assert.ThrowsAsync<global::Campaigns.Domain.DomainException>(() => runner.EnqueueAsync(CustomerBehaviourJob.Kind, null, "test"));
        Assert.Contains("already queued or running", ex.Message);
    }
}
