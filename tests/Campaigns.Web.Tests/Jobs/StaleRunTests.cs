using Campaigns.Application.Imports;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.Web.Features.Imports;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Jobs;

/// <summary>Runs left "running" by an instance that died (on SQL Server other instances share the runs and Hangfire's queues).</summary>
public sealed class StaleRunTests(StaleRunTests.HeartbeatApp fixture) : IClassFixture<StaleRunTests.HeartbeatApp>
{
    /// <summary>The demo app with a heartbeat every second and the tests' own jobs.</summary>
    public sealed class HeartbeatApp() : SeededApp(400, b => b.UseSetting("Jobs:HeartbeatSeconds", "1")
        .ConfigureTestServices(s => s
            .AddKeyedScoped<IJob, WaitForHeartbeatJob>(WaitForHeartbeatJob.Kind)
            .AddKeyedScoped<IJob, UntilCancelledJob>(UntilCancelledJob.Kind)));

    private AppFactory App => fixture.App;

    private async Task<JobRun> AddRunningAsync(string kind, TimeSpan sinceHeartbeat, int takeovers = 0, string parameters = "{}")
    {
        await using var db = App.OpenDatabase();
        var seen = DateTime.UtcNow - sinceHeartbeat;
        var run = new JobRun
        {
            Kind = kind, TriggeredBy = "test", Status = JobStatus.Running, StartedAt = seen, HeartbeatAt = seen, Attempts = takeovers + 1,
            Takeovers = takeovers, ParametersJson = parameters,
        };
        db.JobRuns.Add(run);
        await db.SaveChangesAsync();
        return run;
    }

    private async Task<JobRun> ReadAsync(Guid id)
    {
        await using var db = App.OpenDatabase();
        return await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<JobRun> FinishedAsync(Guid id)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
            if (await ReadAsync(id) is { IsFinished: true } run) return run;
        return await ReadAsync(id);
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaleRunSweep>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_run_whose_heartbeat_stopped_is_queued_again_and_finishes_while_a_live_one_is_left_alone()
    {
        var dead = await AddRunningAsync(CustomerBehaviourJob.Kind, TimeSpan.FromMinutes(10));
        var live = await AddRunningAsync(ExperimentRollupJob.Kind, TimeSpan.FromSeconds(5));

        // The app's own minutely sweep may get there first; either way the run is queued again once.
        await SweepAsync();

        var rerun = await FinishedAsync(dead.Id);
        Assert.Equal((JobStatus.Succeeded, 2, 1), (rerun.Status, rerun.Attempts, rerun.Takeovers));
        Assert.StartsWith("Recomputed behaviour of", rerun.ResultSummary);
        var untouched = await ReadAsync(live.Id);
        Assert.Equal((JobStatus.Running, 1), (untouched.Status, untouched.Attempts));
        await using var db = App.OpenDatabase();
        await db.JobRuns.Where(r => r.Id == live.Id).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task Hangfire_delivering_the_job_again_takes_over_a_dead_run_but_never_a_live_one()
    {
        var dead = await AddRunningAsync(CustomerBehaviourJob.Kind, TimeSpan.FromMinutes(10));
        var live = await AddRunningAsync(CustomerBehaviourJob.Kind, TimeSpan.FromSeconds(5));
        await using var scope = App.Services.CreateAsyncScope();
        var executor = scope.ServiceProvider.GetRequiredService<JobExecutor>();

        await executor.RunAsync(live.Id, CancellationToken.None);
        await executor.RunAsync(dead.Id, CancellationToken.None);

        Assert.Equal((JobStatus.Running, 1), ((await ReadAsync(live.Id)).Status, (await ReadAsync(live.Id)).Attempts));
        var takenOver = await FinishedAsync(dead.Id);
        Assert.Equal((JobStatus.Succeeded, 2, 1), (takenOver.Status, takenOver.Attempts, takenOver.Takeovers));
        await using var db = App.OpenDatabase();
        await db.JobRuns.Where(r => r.Id == live.Id).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task A_run_whose_instance_stopped_too_often_fails_and_leaves_its_import_resumable_where_it_stopped()
    {
        var importRun = new ImportRun { Kind = ImportKind.Customers, FileName = "customers.csv", TriggeredBy = "test", LastCommittedRow = 5000 };
        await using (var db = App.OpenDatabase())
        {
            db.ImportRuns.Add(importRun);
            await db.SaveChangesAsync();
        }
        var parameters = System.Text.Json.JsonSerializer.Serialize(new ImportJobParameters { FileName = "customers.csv", ImportRunId = importRun.Id },
            System.Text.Json.JsonSerializerOptions.Web);
        var run = await AddRunningAsync(ImportJob.Kind, TimeSpan.FromMinutes(10), takeovers: 3, parameters);

        // The app's own minutely sweep may get there first: wait for the outcome, whichever sweep it was.
        await SweepAsync();

        var failed = await FinishedAsync(run.Id);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("stopped 4 times without finishing", failed.Error);
        await using (var db = App.OpenDatabase())
        {
            var import = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == importRun.Id);
            Assert.Equal(ImportStatus.Failed, import.Status);
            Assert.EndsWith("Resume it to continue after row 5,000.", import.Error);
        }
    }

    [Fact]
    public async Task A_running_job_writes_its_heartbeat()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await using (var db = App.OpenDatabase())
        {
            db.JobRuns.Add(new JobRun { Kind = WaitForHeartbeatJob.Kind, TriggeredBy = "test" });
            await db.SaveChangesAsync();
        }
        Guid id;
        await using (var db = App.OpenDatabase())
            id = await db.JobRuns.Where(r => r.Kind == WaitForHeartbeatJob.Kind).Select(r => r.Id).SingleAsync();

        await scope.ServiceProvider.GetRequiredService<JobExecutor>().RunAsync(id, CancellationToken.None);

        var run = await ReadAsync(id);
        Assert.True(run.Status == JobStatus.Succeeded, run.Error);
        Assert.Equal("heartbeat seen", run.ResultSummary);
    }

    [Fact]
    public async Task An_attempt_that_finds_its_run_taken_over_stops_and_leaves_the_run_to_the_new_attempt()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var run = new JobRun { Kind = UntilCancelledJob.Kind, TriggeredBy = "test" };
        await using (var db = App.OpenDatabase())
        {
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var attempt = scope.ServiceProvider.GetRequiredService<JobExecutor>().RunAsync(run.Id, CancellationToken.None);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); (await ReadAsync(run.Id)).Status != JobStatus.Running && DateTime.UtcNow < deadline;) await Task.Delay(50);

        // What another instance's claim does when it takes the run over.
        await using (var db = App.OpenDatabase())
            await db.JobRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, 2).SetProperty(r => r.Stage, "second attempt"));
        await attempt;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"The first attempt ran on for {clock.Elapsed}.");
        var after = await ReadAsync(run.Id);
        Assert.Equal((JobStatus.Running, 2, "second attempt"), (after.Status, after.Attempts, after.Stage));
        await using (var db = App.OpenDatabase())
            await db.JobRuns.Where(r => r.Id == run.Id).ExecuteDeleteAsync();
    }

    /// <summary>Waits until cancelled (or 60 s).</summary>
    internal sealed class UntilCancelledJob : IJob
    {
        public const string Kind = "test-until-cancelled";

        public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
        {
            await Task.Delay(TimeSpan.FromSeconds(60), ct);
            return "ran to the end";
        }
    }

    /// <summary>Finishes once its run's heartbeat has moved on from the claim's (or fails after 10 s).</summary>
    internal sealed class WaitForHeartbeatJob(Microsoft.EntityFrameworkCore.IDbContextFactory<global::Campaigns.Data.CampaignsDbContext> dbFactory) : IJob
    {
        public const string Kind = "test-wait-for-heartbeat";

        public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
        {
            DateTime? first = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(100, ct))
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var beat = await db.JobRuns.Where(r => r.Id == context.RunId).Select(r => r.HeartbeatAt).SingleAsync(ct);
                first ??= beat;
                if (beat > first) return "heartbeat seen";
            }
            throw new TimeoutException("No heartbeat was written within 10 s.");
        }
    }
}
