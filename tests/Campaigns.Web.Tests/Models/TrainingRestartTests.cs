using System.Text.Json;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Ml.Uplift;
using Campaigns.Web.Features.Models;
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
                Kind = UpliftTrainingJob.Kind, TriggeredBy = "admin@demo.local", Status = JobStatus.Running, StartedAt = DateTime.UtcNow, Progress = 35,
                Stage = "Training candidates",
                ParametersJson = JsonSerializer.Serialize(new UpliftTrainingJob.Parameters { Learner = UpliftLearner.T }, JsonSerializerOptions.Web),
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
}
