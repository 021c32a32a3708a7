using Campaigns.Application.Common;
using Campaigns.Application.Customers;
using Campaigns.Application.Models;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;

namespace Campaigns.Application.Tests.Models;

/// <summary>A training run delivered again after a kill: it trains only if nothing was stored, and a current version is put to work.</summary>
public sealed class TrainedBeforeTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task A_run_that_stored_nothing_trains_again()
    {
        var queue = new RecordingQueue();
        Assert.Null(await TrainedBefore.SummaryAsync(database.Factory, queue, Guid.NewGuid(), "admin@tests", default));
        Assert.Empty(queue.Queued);
    }

    [Fact]
    public async Task A_version_made_current_by_the_killed_attempt_has_its_serving_job_queued_again_and_a_candidate_has_none()
    {
        var (current, candidate) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var db = database.Open())
        {
            db.ModelVersions.AddRange(
                new ModelVersion { Kind = ModelKind.CustomerInsights, Version = 7, Learner = "LightGBM", Status = ModelStatus.Current, ArtifactSha256 = "", TriggeredBy = "tests", JobRunId = current },
                new ModelVersion { Kind = ModelKind.CustomerInsights, Version = 8, Learner = "LightGBM", Status = ModelStatus.Candidate, ArtifactSha256 = "", TriggeredBy = "tests", JobRunId = candidate });
            await db.SaveChangesAsync();
        }
        var queue = new RecordingQueue();

        // Killed while scoring every customer with its new version: the retry must not leave the old scores standing.
        var summary = await TrainedBefore.SummaryAsync(database.Factory, queue, current, "admin@tests", default);
        Assert.Equal("v7 (LightGBM): stored current by an earlier attempt of this run. It is being put to work now (see Jobs).", summary);
        Assert.Equal([(CustomerScoring.Job, "admin@tests")], queue.Queued);

        queue.Queued.Clear();
        Assert.Equal("v8 (LightGBM): stored candidate by an earlier attempt of this run.", await TrainedBefore.SummaryAsync(database.Factory, queue, candidate, "admin@tests", default));
        Assert.Empty(queue.Queued);
    }

    private sealed class RecordingQueue : IJobQueue
    {
        public List<(string Kind, string User)> Queued { get; } = [];

        public Task<JobRun> EnqueueAsync(string kind, object? parameters, string triggeredBy, CancellationToken ct = default)
        {
            Queued.Add((kind, triggeredBy));
            return Task.FromResult(new JobRun { Kind = kind, TriggeredBy = triggeredBy });
        }
    }
}
