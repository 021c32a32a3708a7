using System.Text;
using System.Text.Json;
using Campaigns.Application.Imports;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.Imports;
using Campaigns.Imports.Files;
using Campaigns.Web.Features.Imports;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Imports;

public class ImportRestartTests
{
    [Fact]
    public async Task A_wizard_import_killed_mid_run_continues_after_a_restart_from_its_last_batch_with_its_rejected_rows_intact()
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-import-restart-{Guid.NewGuid():N}.db");
        Guid jobRunId, importRunId = Guid.CreateVersion7();
        using (var first = new AppFactory(path, deleteDatabase: false))
        {
            first.AnonymousClient();
            using var scope = first.Services.CreateScope();
            var files = scope.ServiceProvider.GetRequiredService<ImportFiles>();
            // Row 3 repeats row 1's id and is rejected; two batches of 4 stored rows (up to row 9) commit before the "kill".
            var csv = "customer_id\nKILLED-1\nKILLED-2\nKILLED-1\n" + string.Concat(Enumerable.Range(4, 7).Select(i => $"KILLED-{i}\n"));
            var upload = await files.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "customers.csv", ImportFilePurpose.Upload, "admin@demo.local", long.MaxValue);
            var source = files.Source(upload.Id, upload.FileName);
            var (_, suggested, reader) = ImportEngine.Preview(source, ImportKind.Customers);
            reader.Dispose();
            var settings = new ImportSettings { Kind = ImportKind.Customers, Mapping = suggested, BatchSize = 4 };
            var batches = 0;
            await Assert.ThrowsAsync<IOException>(() => scope.ServiceProvider.GetRequiredService<ImportEngine>().RunAsync(source, settings, new ImportRunOptions
            {
                User = "admin@demo.local", RunId = importRunId, StoredRejectedRowsName = "customers-rejected.csv",
                Progress = _ => ++batches == 2 ? throw new IOException("killed") : Task.CompletedTask,
            }));

            // What kill -9 leaves: the import run and its job run "running", heartbeats just written, nothing after the last batch.
            await using var db = first.OpenDatabase();
            await db.ImportRuns.Where(r => r.Id == importRunId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ImportStatus.Running).SetProperty(r => r.FinishedAt, (DateTime?)null).SetProperty(r => r.HeartbeatAt, DateTime.UtcNow));
            var parameters = new ImportJobParameters
            {
                UploadId = upload.Id, FileName = upload.FileName, SettingsJson = JsonSerializer.Serialize(settings, ImportEngine.Json), ImportRunId = importRunId,
            };
            var jobRun = new JobRun
            {
                Kind = ImportJob.Kind, TriggeredBy = "admin@demo.local", Status = JobStatus.Running, StartedAt = DateTime.UtcNow, HeartbeatAt = DateTime.UtcNow,
                Attempts = 1, ParametersJson = JsonSerializer.Serialize(parameters, JsonSerializerOptions.Web),
            };
            db.JobRuns.Add(jobRun);
            await db.SaveChangesAsync();
            jobRunId = jobRun.Id;
            Assert.Equal(9L, (await db.ImportRuns.SingleAsync(r => r.Id == importRunId)).LastCommittedRow);
        }

        using var second = new AppFactory(path);
        second.AnonymousClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JobRun? finished = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = second.OpenDatabase();
            finished = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == jobRunId);
            if (finished.IsFinished) break;
            await Task.Delay(250);
        }
        Assert.Equal((JobStatus.Succeeded, null), (finished!.Status, finished.Error));
        Assert.StartsWith("Resumed after row 9: ", finished.ResultSummary);

        await using var check = second.OpenDatabase();
        var run = await check.ImportRuns.SingleAsync(r => r.Id == importRunId);
        Assert.Equal((ImportStatus.Succeeded, 10L, 9L, 1L), (run.Status, run.LastCommittedRow, run.Inserted, run.Rejected));
        Assert.Equal(9, await check.Customers.CountAsync(c => c.ExternalId.StartsWith("KILLED-")));
        using var scope2 = second.Services.CreateScope();
        using var rejected = new StreamReader(scope2.ServiceProvider.GetRequiredService<ImportFiles>().Open(run.RejectedRowsFileId!.Value));
        var lines = (await rejected.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("3,", lines[1]);
    }
}
