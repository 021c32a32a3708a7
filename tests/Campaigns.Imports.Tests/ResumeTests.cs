using System.Text;
using Campaigns.Domain.Imports;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Tests;

public sealed class ResumeTests : ImportDatabase
{
    private static string OrdersFile(int count, int negativeRow) =>
        "order_id,customer_id,order_date,sku,qty,price\n" +
        string.Join("\n", Enumerable.Range(1, count).Select(i => $"O{i},C{1 + i % 3},2026-03-{i:D2},P{1 + i % 3},{(i == negativeRow ? -1 : 1)},{i}.00"));

    private async Task<(ImportSource Source, ImportSettings Settings)> StoredAsync(string csv)
    {
        var upload = await Files.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "orders.csv", ImportFilePurpose.Upload, "tests", long.MaxValue);
        var source = Files.Source(upload.Id, upload.FileName);
        var (_, suggested, reader) = ImportEngine.Preview(source, ImportKind.Orders);
        reader.Dispose();
        return (source, new ImportSettings { Kind = ImportKind.Orders, Mapping = suggested, BatchSize = 4 });
    }

    private async Task<string> StoredTextAsync(Guid fileId)
    {
        using var reader = new StreamReader(Files.Open(fileId));
        return await reader.ReadToEndAsync();
    }

    /// <summary>An import of ten orders (row 3 rejected, batches of 4) that stops after its second batch, at row 9.</summary>
    private async Task<(ImportSource Source, ImportRun Run)> StoppedAfterTwoBatchesAsync()
    {
        await SeedCatalogueAsync();
        var (source, settings) = await StoredAsync(OrdersFile(10, negativeRow: 3));
        var batches = 0;
        await Assert.ThrowsAsync<IOException>(() => Engine.RunAsync(source, settings, new ImportRunOptions
        {
            User = "tests", StoredRejectedRowsName = "orders-rejected.csv",
            Progress = _ => ++batches == 2 ? throw new IOException("disk full") : Task.CompletedTask,
        }));
        await using var db = Open();
        return (source, await db.ImportRuns.SingleAsync(r => r.Kind == ImportKind.Orders));
    }

    private async Task AssertFinishedWithRow3RejectedOnceAsync(Guid runId)
    {
        await using var db = Open();
        Assert.Equal(9, await db.Orders.CountAsync());
        Assert.Equal(9, await db.Orders.Select(o => o.ExternalId).Distinct().CountAsync());
        var run = await db.ImportRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal((ImportStatus.Succeeded, 1L), (run.Status, run.Rejected));
        var lines = (await StoredTextAsync(run.RejectedRowsFileId!.Value)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("row,problems,", lines[0]);
        Assert.StartsWith("3,", lines[1]);
    }

    [Fact]
    public async Task A_run_from_a_stored_upload_resumes_after_its_position_and_lists_each_rejected_row_once()
    {
        var (source, run) = await StoppedAfterTwoBatchesAsync();
        Assert.Equal((ImportStatus.Failed, 9L, source.StoredFileId), (run.Status, run.LastCommittedRow, run.UploadId));
        // The rejected rows up to the position were stored with the batches.
        Assert.StartsWith("3,", (await StoredTextAsync(run.RejectedRowsFileId!.Value)).Split('\n')[1]);

        var resumed = await Engine.ResumeAsync(run.Id, source, new ImportRunOptions { User = "tests", StoredRejectedRowsName = "orders-rejected.csv" });

        Assert.Equal((10L, 9L, 1L), (resumed.Rows, resumed.Inserted, resumed.Rejected));
        await AssertFinishedWithRow3RejectedOnceAsync(run.Id);
    }

    [Fact]
    public async Task A_run_left_running_by_a_killed_process_is_resumed_once_its_heartbeat_is_stale()
    {
        var (source, run) = await StoppedAfterTwoBatchesAsync();
        // What kill -9 leaves: the run still "running" at its last committed batch, its heartbeat stopped.
        await using (var db = Open())
            await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Running)
                .SetProperty(r => r.HeartbeatAt, DateTime.UtcNow - ImportEngine.StaleAfter - TimeSpan.FromSeconds(1)));

        var resumed = await Engine.ResumeAsync(run.Id, source, new ImportRunOptions { User = "tests", StoredRejectedRowsName = "orders-rejected.csv" });

        Assert.Equal(10L, resumed.Rows);
        await AssertFinishedWithRow3RejectedOnceAsync(run.Id);
    }

    [Fact]
    public async Task A_resume_that_fails_before_its_first_row_leaves_the_run_failed_not_running()
    {
        var (source, run) = await StoppedAfterTwoBatchesAsync();
        await Files.DeleteAsync(source.StoredFileId!.Value);

        await Assert.ThrowsAsync<IOException>(() => Engine.ResumeAsync(run.Id, source, new ImportRunOptions { User = "tests" }));

        await using var db = Open();
        var after = await db.ImportRuns.SingleAsync(r => r.Id == run.Id);
        Assert.Equal((ImportStatus.Failed, 9L), (after.Status, after.LastCommittedRow));
    }

    [Fact]
    public async Task A_run_that_is_running_is_not_resumed_a_second_time()
    {
        await SeedCatalogueAsync();
        var (source, settings) = await StoredAsync(OrdersFile(6, negativeRow: 0));
        await Assert.ThrowsAsync<IOException>(() => Engine.RunAsync(source, settings, new ImportRunOptions
        {
            User = "tests", Progress = _ => throw new IOException("connection lost"),
        }));
        Guid runId;
        await using (var db = Open())
        {
            runId = (await db.ImportRuns.SingleAsync(r => r.Kind == ImportKind.Orders)).Id;
            await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Running));
        }

        var ex = await Assert.ThrowsAsync<ImportRunBusyException>(() => Engine.ResumeAsync(runId, source, new ImportRunOptions { User = "tests" }));
        Assert.Contains("is running (last heartbeat", ex.Message);
        await using (var db = Open()) Assert.Equal(4, await db.Orders.CountAsync());
    }
}
