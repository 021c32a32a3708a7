using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.Faults;

/// <summary>A targeting model training under SIGKILL: the run ends readable and only a whole model is ever current.</summary>
public sealed class TrainingCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FinishTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task A_training_killed_while_running_ends_succeeded_or_failed_with_a_reason_and_only_a_complete_model_is_current()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await CrashableApp.StartAsync(customers: 3000, output);
        Guid runId;
        using (var admin = await app.SignedInAdminAsync())
        {
            using var response = await admin.PostAsJsonAsync("api/models/uplift/train", new { });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            runId = (await response.Content.ReadFromJsonAsync<Accepted>())!.Id;
        }

        // Killed in the middle of training proper: past reading the data, before the model is stored (96 %).
        var killedAt = await WaitForAsync(app, runId, r => r.Status == JobStatus.Running && r.Progress >= 20 || r.IsFinished, TimeSpan.FromMinutes(5));
        Assert.True(killedAt.Status == JobStatus.Running, $"The training finished ({killedAt.Status}) before it could be killed.");
        await app.KillAsync();
        output.WriteLine($"Killed at {killedAt.Progress:0}% ({killedAt.Stage}), {clock.Elapsed.TotalSeconds:0} s");
        await AssertOnlyCompleteModelsAreCurrentAsync(app);

        await app.RestartAsync();
        var finished = await WaitForAsync(app, runId, r => r.IsFinished, FinishTimeout);
        output.WriteLine($"Ended {finished.Status} after {finished.Attempts} attempts: {finished.ResultSummary ?? finished.Error} ({clock.Elapsed.TotalSeconds:0} s)");
        Assert.True(finished.Status == JobStatus.Succeeded || finished.Status == JobStatus.Failed && !string.IsNullOrWhiteSpace(finished.Error),
            $"The run ended {finished.Status} without a reason.");
        await AssertOnlyCompleteModelsAreCurrentAsync(app);
        await using (var db = app.OpenDatabase())
        {
            var versions = await db.ModelVersions.AsNoTracking().CountAsync(v => v.JobRunId == runId);
            Assert.Equal(finished.Status == JobStatus.Succeeded ? 1 : 0, versions);
        }

        // What an Admin reads through the API agrees with the record.
        using (var admin = await app.SignedInAdminAsync())
        {
            var read = await admin.GetFromJsonAsync<Read>($"api/jobs/{runId}");
            Assert.Equal(finished.Status.ToString(), read!.Status);
        }
        await app.AssertEveryRunReadableAsync();
        Assert.Empty(app.Process.Failures);
    }

    /// <summary>At most one current version per kind, and a current version's artifact is all there (its SHA-256 matches).</summary>
    private static async Task AssertOnlyCompleteModelsAreCurrentAsync(CrashableApp app)
    {
        await using var db = app.OpenDatabase();
        var current = await db.ModelVersions.AsNoTracking().Where(v => v.Status == ModelStatus.Current).ToListAsync();
        Assert.All(current.GroupBy(v => v.Kind), kind => Assert.Single(kind));
        Assert.All(current, v =>
        {
            Assert.NotEmpty(v.Artifact);
            Assert.Equal(v.ArtifactSha256, Convert.ToHexString(SHA256.HashData(v.Artifact)), StringComparer.OrdinalIgnoreCase);
        });
    }

    private static async Task<JobRun> WaitForAsync(CrashableApp app, Guid runId, Func<JobRun, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = app.OpenDatabase())
            {
                var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
                if (condition(run)) return run;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Job run {runId} is {run.Status} ({run.Stage}, {run.Progress:0}%) after {timeout}.\n{app.Process.Tail()}");
            }
            await Task.Delay(100);
        }
    }

    private sealed record Accepted(Guid Id);

    private sealed record Read(string Status);
}
