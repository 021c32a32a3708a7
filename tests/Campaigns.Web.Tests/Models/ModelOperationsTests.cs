using Campaigns.Application.Common;
using Campaigns.Application.Customers;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Models;

/// <summary>Promotion, rollback, sign-off and cancellation on the real app with two trained uplift versions.</summary>
public class ModelOperationsTests(TwoModelSeededApp fixture) : IClassFixture<TwoModelSeededApp>
{
    private const string Admin = "admin@demo.local", Manager = "manager@demo.local";
    private const ModelKind Uplift = ModelKind.UpliftTargeting;

    private Task ArrangeAsync(double candidateGain) => fixture.ResetVersionsAsync(candidateGain);

    private async Task<ModelVersion> VersionAsync(int version)
    {
        await using var db = fixture.App.OpenDatabase();
        return await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Kind == Uplift && v.Version == version);
    }

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<Result> PromoteAsync(int version, string user = Admin) =>
        WithAsync(async s => await s.GetRequiredService<ModelOperations>().PromoteAsync((await VersionAsync(version)).Id, user, "test promotion"));

    private Task<Result> RollBackAsync(int version) =>
        WithAsync(async s => await s.GetRequiredService<ModelOperations>().RollBackAsync((await VersionAsync(version)).Id, Admin, "test rollback"));

    /// <summary>The same 500 past customers scored by whichever version is current now: control outcome and uplift, as the model gives them.</summary>
    private Task<(int Version, float[] Scores)> ScoreWithCurrentAsync() => WithAsync(async s =>
    {
        var store = s.GetRequiredService<ModelStore>();
        var current = await store.CurrentAsync(Uplift) ?? throw new InvalidOperationException("No current model.");
        var rows = await CustomersAsync(s);
        var predictions = (await store.LoadUpliftAsync(current.Id)).Predict(rows);
        return (current.Version, Enumerable.Range(0, predictions.Count).SelectMany(i => new[] { predictions.ControlOutcome(i), predictions.Effect(i, 1) }).ToArray());
    });

    private static async Task<UpliftDataset> CustomersAsync(IServiceProvider s)
    {
        var set = await s.GetRequiredService<TrainingSetBuilder>().BuildAsync(TargetingOutcome.Conversion);
        return set.Data.Select(Enumerable.Range(0, Math.Min(500, set.Data.Count)).ToList());
    }

    private async Task<List<(int Version, ModelStatus Status)>> StatusesAsync()
    {
        await using var db = fixture.App.OpenDatabase();
        return (await db.ModelVersions.AsNoTracking().Where(v => v.Kind == Uplift).OrderBy(v => v.Version).Select(v => new { v.Version, v.Status }).ToListAsync())
            .Select(v => (v.Version, v.Status)).ToList();
    }

    [Fact]
    public async Task A_candidate_at_least_as_good_as_current_is_promoted_and_the_old_version_is_retired_with_an_audit_entry()
    {
        await ArrangeAsync(candidateGain: 0.01);

        var result = await PromoteAsync(2);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("v2 is now current; v1 retired and kept for rollback.", result.Message);
        Assert.Equal(ModelStatus.Current, (await VersionAsync(2)).Status);
        Assert.Equal(ModelStatus.Retired, (await VersionAsync(1)).Status);
        await using var db = fixture.App.OpenDatabase();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "model.promote" && a.User == Admin && a.Details!.Contains("test promotion")));
    }

    [Fact]
    public async Task Rolling_back_restores_the_previous_versions_predictions_exactly()
    {
        await ArrangeAsync(candidateGain: 0.01);
        var before = await ScoreWithCurrentAsync();
        Assert.Equal(1, before.Version);

        Assert.True((await PromoteAsync(2)).Succeeded);
        var promoted = await ScoreWithCurrentAsync();
        Assert.Equal(2, promoted.Version);
        Assert.NotEqual(before.Scores, promoted.Scores);

        var rolledBack = await RollBackAsync(1);
        Assert.True(rolledBack.Succeeded, rolledBack.Message);
        var after = await ScoreWithCurrentAsync();

        Assert.Equal(1, after.Version);
        Assert.Equal(before.Scores, after.Scores);
        // Not only the cached model: the stored artifact, loaded afresh, scores the same floats.
        var fresh = UpliftModel.Load(new MemoryStream((await VersionAsync(1)).Artifact)).Predict(await WithAsync(CustomersAsync));
        Assert.Equal(before.Scores, Enumerable.Range(0, fresh.Count).SelectMany(i => new[] { fresh.ControlOutcome(i), fresh.Effect(i, 1) }).ToArray());
    }

    [Fact]
    public async Task Only_a_retired_version_can_be_rolled_back_to()
    {
        await ArrangeAsync(candidateGain: 0.01);
        var result = await RollBackAsync(2);
        Assert.False(result.Succeeded);
        Assert.Contains("Only a retired version", result.Message);
        Assert.Equal(ModelStatus.Current, (await VersionAsync(1)).Status);
    }

    [Fact]
    public async Task A_worse_candidate_needs_a_managers_sign_off_which_the_requester_cannot_give()
    {
        await ArrangeAsync(candidateGain: -0.05);

        var request = await PromoteAsync(2);
        Assert.False(request.Succeeded);
        Assert.Contains("a Manager must sign off first", request.Message);
        Assert.Equal(ModelStatus.Current, (await VersionAsync(1)).Status);
        Assert.Equal(ModelStatus.Candidate, (await VersionAsync(2)).Status);

        var pending = Assert.Single(await WithAsync(s => s.GetRequiredService<ModelRegistryReader>().PendingSignOffsAsync()));
        Assert.Equal((2, Admin, 1), (pending.Version, pending.RequestedBy, pending.CurrentVersion));
        Assert.Equal(pending.CurrentMetric!.Value - 0.05, pending.CandidateMetric!.Value, 9);
        Assert.Contains("already waits", (await PromoteAsync(2)).Message);

        var operations = (Func<string, bool, string?, Task<Result>>)((user, approve, comment) =>
            WithAsync(s => s.GetRequiredService<ModelOperations>().DecideSignOffAsync(pending.Id, user, approve, comment)));
        var own = await operations(Admin, true, null);
        Assert.False(own.Succeeded);
        Assert.Contains("cannot also sign it off", own.Message);
        var refusalWithoutReason = await operations(Manager, false, "  ");
        Assert.False(refusalWithoutReason.Succeeded);
        Assert.Contains("Say why you refuse", refusalWithoutReason.Message);
        Assert.Equal(ModelStatus.Current, (await VersionAsync(1)).Status);

        var approved = await operations(Manager, true, "Fine for the spring campaigns");
        Assert.True(approved.Succeeded, approved.Message);
        Assert.Equal(ModelStatus.Current, (await VersionAsync(2)).Status);
        Assert.Equal(ModelStatus.Retired, (await VersionAsync(1)).Status);
        await using var db = fixture.App.OpenDatabase();
        var signOff = await db.ModelSignOffs.AsNoTracking().SingleAsync(s => s.Id == pending.Id);
        Assert.Equal((SignOffStatus.Approved, Manager), (signOff.Status, signOff.DecidedBy));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "model.signoff.approve" && a.User == Manager));
    }

    [Fact]
    public async Task A_version_below_its_bar_needs_a_managers_sign_off_even_when_no_version_is_current()
    {
        await ArrangeAsync(candidateGain: 0.01);
        await using (var db = fixture.App.OpenDatabase())
        {
            var versions = await db.ModelVersions.Where(v => v.Kind == Uplift && v.Version <= 2).ToListAsync();
            versions.Single(v => v.Version == 1).Status = ModelStatus.Retired;
            versions.Single(v => v.Version == 2).MeetsBar = false;
            await db.SaveChangesAsync();
        }

        var request = await PromoteAsync(2);

        Assert.False(request.Succeeded);
        Assert.Contains("v2 did not meet the bar for its kind of model", request.Message);
        Assert.Contains("a Manager must sign off first", request.Message);
        Assert.Equal(ModelStatus.Candidate, (await VersionAsync(2)).Status);
        var pending = Assert.Single(await WithAsync(s => s.GetRequiredService<ModelRegistryReader>().PendingSignOffsAsync()));
        Assert.Equal((2, Admin, (int?)null), (pending.Version, pending.RequestedBy, pending.CurrentVersion));
        var own = await WithAsync(s => s.GetRequiredService<ModelOperations>().DecideSignOffAsync(pending.Id, Admin, true, null));
        Assert.Contains("cannot also sign it off", own.Message);
        Assert.Equal(ModelStatus.Candidate, (await VersionAsync(2)).Status);

        var approved = await WithAsync(s => s.GetRequiredService<ModelOperations>().DecideSignOffAsync(pending.Id, Manager, true, "No better model yet; watch it"));
        Assert.True(approved.Succeeded, approved.Message);
        Assert.Equal(ModelStatus.Current, (await VersionAsync(2)).Status);
    }

    [Fact]
    public async Task A_refused_sign_off_keeps_the_version_a_candidate()
    {
        await ArrangeAsync(candidateGain: -0.05);
        Assert.False((await PromoteAsync(2)).Succeeded);
        var pending = Assert.Single(await WithAsync(s => s.GetRequiredService<ModelRegistryReader>().PendingSignOffsAsync()));

        var refused = await WithAsync(s => s.GetRequiredService<ModelOperations>().DecideSignOffAsync(pending.Id, Manager, false, "Too weak on the holdout"));

        Assert.True(refused.Succeeded, refused.Message);
        Assert.Equal(ModelStatus.Candidate, (await VersionAsync(2)).Status);
        Assert.Equal(ModelStatus.Current, (await VersionAsync(1)).Status);
        Assert.Empty(await WithAsync(s => s.GetRequiredService<ModelRegistryReader>().PendingSignOffsAsync()));
    }

    [Theory]
    [InlineData(true, "does not match its checksum")]
    [InlineData(false, "has no artifact stored")]
    public async Task A_corrupt_or_missing_artifact_cannot_be_promoted_and_the_current_version_keeps_serving(bool corrupt, string reason)
    {
        await ArrangeAsync(candidateGain: 0.01);
        int broken;
        await using (var db = fixture.App.OpenDatabase())
        {
            var source = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Kind == Uplift && v.Version == 2);
            var bytes = corrupt ? source.Artifact.ToArray() : [];
            if (corrupt) bytes[bytes.Length / 2] ^= 0xFF;
            broken = await db.ModelVersions.MaxAsync(v => v.Version) + 1;
            db.ModelVersions.Add(new ModelVersion
            {
                Kind = Uplift, Version = broken, Learner = source.Learner, Status = ModelStatus.Candidate, Artifact = bytes,
                ArtifactSha256 = source.ArtifactSha256, MetricsJson = source.MetricsJson, MainMetric = 1.0, TriggeredBy = "tests",
            });
            await db.SaveChangesAsync();
        }
        var before = await ScoreWithCurrentAsync();

        var result = await PromoteAsync(broken);

        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Message);
        Assert.Contains("The current version keeps serving", result.Message);
        Assert.Equal(ModelStatus.Candidate, (await VersionAsync(broken)).Status);
        var after = await ScoreWithCurrentAsync();
        Assert.Equal(1, after.Version);
        Assert.Equal(before.Scores, after.Scores);
    }

    [Fact]
    public async Task Making_a_customer_insights_version_current_by_hand_queues_the_rescoring_of_every_customer()
    {
        var stored = await WithAsync(s => s.GetRequiredService<CustomerInsightsTrainingService>()
            .TrainAsync(ModelKind.CustomerInsights, new TrainingRun("tests"), default));
        await using (var db = fixture.App.OpenDatabase())
        {
            // As if it had come out a candidate: training itself scores when it promotes, so only a hand promotion is left to test.
            var version = await db.ModelVersions.SingleAsync(v => v.Id == stored.VersionId);
            (version.Status, version.PromotedAt, version.MeetsBar) = (ModelStatus.Candidate, null, true);
            db.JobRuns.RemoveRange(db.JobRuns.Where(r => r.Kind == CustomerScoring.Job));
            await db.SaveChangesAsync();
        }

        var result = await WithAsync(s => s.GetRequiredService<ModelOperations>().PromoteAsync(stored.VersionId, Admin, "test promotion"));

        Assert.True(result.Succeeded, result.Message);
        Assert.EndsWith("is now current. It is being put to work now (see Jobs).", result.Message);
        await using (var db = fixture.App.OpenDatabase())
            Assert.Equal([Admin], await db.JobRuns.Where(r => r.Kind == CustomerScoring.Job).Select(r => r.TriggeredBy).ToListAsync());
        // An uplift version needs no such job: it serves as soon as it is current.
        await ArrangeAsync(candidateGain: 0.01);
        Assert.Equal("v2 is now current; v1 retired and kept for rollback.", (await PromoteAsync(2)).Message);
    }

    [Fact]
    public async Task Cancelling_a_training_run_ends_it_cancelled_and_changes_no_version()
    {
        await ArrangeAsync(candidateGain: 0.01);
        var versions = await StatusesAsync();
        JobRun run;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            // Auto compares every learner: long enough to be cancelled midway.
            run = await scope.ServiceProvider.GetRequiredService<JobRunner>().EnqueueAsync(ModelKinds.Get(ModelKind.UpliftTargeting).TrainingJob, new UpliftTrainingParameters { Learner = UpliftLearner.Auto }, Admin);

        // Cancelled as soon as it runs: the writer asks for a cancel just before it stores the version, so a cancel
        // requested any time before the store wins, even one after the training's last fit.
        await WaitForAsync(run.Id, r => r.Status == JobStatus.Running);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<JobRunner>().RequestCancelAsync(run.Id, Admin));
        var finished = await WaitForAsync(run.Id, r => r.IsFinished);

        Assert.Equal(JobStatus.Cancelled, finished.Status);
        Assert.Equal(versions, await StatusesAsync());
        Assert.Equal(1, (await ScoreWithCurrentAsync()).Version);
    }

    private async Task<JobRun> WaitForAsync(Guid runId, Func<JobRun, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
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
