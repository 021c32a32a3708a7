using System.Text.Json;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Tests.Models;

public class TrainingRestartTests
{
    [Fact]
    public async Task A_training_interrupted_by_a_restart_is_recorded_run_again_and_finishes_with_a_model()
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-train-restart-{Guid.NewGuid():N}.db");
        Guid runId;
        using (var first = new AppFactory(path, deleteDatabase: false, customers: 3000))
        {
            first.AnonymousClient();
            await using var db = first.OpenDatabase();
            // What a process stopped mid-training leaves behind: a running run and no model.
            var run = new JobRun
            {
                Kind = ModelKinds.Get(ModelKind.UpliftTargeting).TrainingJob, TriggeredBy = "admin@demo.local", Status = JobStatus.Running, StartedAt = DateTime.UtcNow, Progress = 35,
                Stage = "Training candidates",
                ParametersJson = JsonSerializer.Serialize(new UpliftTrainingParameters { Learner = UpliftLearner.T }, JsonSerializerOptions.Web),
            };
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        using var second = new AppFactory(path, customers: 3000);
        second.AnonymousClient();
        JobRun? finished = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(120); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            await using var db = second.OpenDatabase();
            finished = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (finished.IsFinished) break;
        }
        Assert.Equal(JobStatus.Succeeded, finished!.Status);
        Assert.Equal(1, finished.Attempts);
        await using var check = second.OpenDatabase();
        var version = await check.ModelVersions.AsNoTracking().SingleAsync(v => v.Kind == ModelKind.UpliftTargeting);
        Assert.Equal(runId, version.JobRunId);
        Assert.Equal(ModelStatus.Current, version.Status);
        Assert.StartsWith("T", version.Learner);
    }

    [Fact]
    public async Task A_training_whose_model_was_stored_before_its_process_stopped_is_not_trained_again_after_a_restart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-train-stored-{Guid.NewGuid():N}.db");
        Guid runId;
        using (var first = new AppFactory(path, deleteDatabase: false))
        {
            first.AnonymousClient();
            await using var db = first.OpenDatabase();
            // A process killed between storing the model and recording the run's outcome leaves both behind.
            var run = new JobRun
            {
                Kind = ModelKinds.Get(ModelKind.UpliftTargeting).TrainingJob, TriggeredBy = "admin@demo.local", Status = JobStatus.Running, StartedAt = DateTime.UtcNow, Progress = 96,
                Stage = "Storing the model", ParametersJson = "{}",
            };
            byte[] artifact = [1, 2, 3];
            db.JobRuns.Add(run);
            db.ModelVersions.Add(new ModelVersion
            {
                Kind = ModelKind.UpliftTargeting, Version = 1, Learner = "T", Status = ModelStatus.Candidate, Artifact = artifact,
                ArtifactSha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(artifact)), JobRunId = run.Id, TriggeredBy = run.TriggeredBy,
            });
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        using var second = new AppFactory(path);
        second.AnonymousClient();
        JobRun? finished = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            await using var db = second.OpenDatabase();
            finished = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (finished.IsFinished) break;
        }
        Assert.Equal(JobStatus.Succeeded, finished!.Status);
        Assert.Contains("earlier attempt", finished.ResultSummary);
        await using var check = second.OpenDatabase();
        Assert.Equal(1, await check.ModelVersions.CountAsync(v => v.Kind == ModelKind.UpliftTargeting));
    }
}
