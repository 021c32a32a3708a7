using System.Text;
using Campaigns.Domain.Imports;
using Campaigns.Imports.Csv;
using Campaigns.Imports.Files;
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

    [Fact]
    public async Task A_run_from_a_stored_upload_resumes_after_its_position_and_lists_each_rejected_row_once()
    {
        await SeedCatalogueAsync();
        var (source, settings) = await StoredAsync(OrdersFile(10, negativeRow: 3));
        var firstRejected = new StringWriter();
        var batches = 0;
        await Assert.ThrowsAsync<IOException>(() => Engine.RunAsync(source, settings, new ImportRunOptions
        {
            User = "tests", RejectedRows = firstRejected, Progress = _ => ++batches == 2 ? throw new IOException("disk full") : Task.CompletedTask,
        }));
        ImportRun run;
        await using (var db = Open()) run = await db.ImportRuns.SingleAsync(r => r.Kind == ImportKind.Orders);
        Assert.Equal((ImportStatus.Failed, 9L, source.StoredFileId), (run.Status, run.LastCommittedRow, run.UploadId));

        // As if the stopped attempt had also rejected row 10 in a batch that never committed: a resume reads row 10 again.
        var earlier = firstRejected + CsvText.Line(["10", "Row 10 (line 11): as if rejected before the failure", "O10"]) + "\n";
        var resumedRejected = new StringWriter();
        var resumed = await Engine.ResumeAsync(run.Id, source, new ImportRunOptions
        {
            User = "tests", RejectedRows = resumedRejected, EarlierRejectedRows = () => new MemoryStream(Encoding.UTF8.GetBytes(earlier)),
        });

        Assert.Equal((10L, 9L, 1L), (resumed.Rows, resumed.Inserted, resumed.Rejected));
        await using (var db = Open())
        {
            Assert.Equal(9, await db.Orders.CountAsync());
            Assert.Equal(9, await db.Orders.Select(o => o.ExternalId).Distinct().CountAsync());
            Assert.Equal(ImportStatus.Succeeded, (await db.ImportRuns.SingleAsync(r => r.Kind == ImportKind.Orders)).Status);
        }
        var lines = resumedRejected.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("row,problems,", lines[0]);
        Assert.StartsWith("3,", lines[1]);
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
        Assert.Contains("is running already", ex.Message);
        await using (var db = Open()) Assert.Equal(4, await db.Orders.CountAsync());
    }
}
