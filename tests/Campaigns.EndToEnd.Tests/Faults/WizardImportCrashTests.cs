using System.Diagnostics;
using Campaigns.Application.Imports;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Campaigns.EndToEnd.Tests.Shipped;
using Campaigns.Web.Features.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.Faults;

/// <summary>
/// A wizard import (a recorded background job) under SIGKILL: after the restart it continues by itself from its last
/// batch, and its rejected-rows file lists each rejected row once.
/// </summary>
public sealed class WizardImportCrashTests(ITestOutputHelper output)
{
    private const int Rows = 200_000;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_wizard_import_killed_after_some_batches_continues_by_itself_after_the_restart_and_stores_every_valid_row_once()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await CrashableApp.StartAsync(customers: 500, output);
        var file = Path.Combine(Path.GetTempPath(), $"faults-customers-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, CustomersFile.Generate(Rows));
        var invalid = CustomersFile.InvalidRows(Rows);
        try
        {
            using (var playwright = await Playwright.CreateAsync())
            await using (var browser = await Browser.LaunchAsync(playwright))
            {
                var page = await new UserWalk(browser, app.BaseAddress).SignInAsync(CrashableApp.AdminEmail, CrashableApp.Password);
                await page.GotoAsync("imports");
                // InputFile drops a file set before its start-up script attached its listener (see ImportWizardTests).
                await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
                await page.Locator("input[type=file]").SetInputFilesAsync(file);
                await Assertions.Expect(page.GetByTestId("preview")).ToContainTextAsync(CustomersFile.Prefix + "0000001", new() { Timeout = Millis(Step) });
                await page.GetByTestId("dry-run").ClickAsync();
                await Assertions.Expect(page.GetByTestId("dry-run-summary")).ToContainTextAsync("to insert", new() { Timeout = Millis(Step) });
                await page.GetByTestId("import").ClickAsync();
                await WaitForAsync(app, (job, import) => import?.LastCommittedRow > 0 || job?.IsFinished == true, Step);
                // Anywhere from reading the next batch to writing it: a different point of the batch cycle in each run.
                var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(2000));
                await Task.Delay(delay);
                var killed = await WaitForAsync(app, (_, _) => true, Step);
                Assert.True(killed.Job is { Status: JobStatus.Running }, $"The import job was {killed.Job?.Status} before it could be killed.");
                await app.KillAsync();
                output.WriteLine($"Killed {delay.TotalMilliseconds:0} ms after the first batch, at data row {killed.Import!.LastCommittedRow:N0} ({clock.Elapsed.TotalSeconds:0} s)");
            }

            // Nobody presses Resume: start-up recovery queues the job again and it takes over its own import run.
            await app.RestartAsync();
            var (job, import) = await WaitForAsync(app, (job, _) => job!.IsFinished, TimeSpan.FromMinutes(8));
            output.WriteLine($"Job ended {job!.Status} after {job.Attempts} attempts: {job.ResultSummary ?? job.Error} ({clock.Elapsed.TotalSeconds:0} s)");
            Assert.Equal(JobStatus.Succeeded, job.Status);
            Assert.Equal((ImportStatus.Succeeded, (long)Rows, Rows - (long)invalid.Count, (long)invalid.Count),
                (import!.Status, import.LastCommittedRow, import.Inserted, import.Rejected));

            await using (var db = app.OpenDatabase())
            {
                var imported = await db.Customers.AsNoTracking().Where(c => c.ExternalId.StartsWith(CustomersFile.Prefix)).Select(c => c.ExternalId).ToListAsync();
                Assert.Equal(Rows - invalid.Count, imported.Count);
                Assert.Equal(imported.Count, imported.Distinct().Count());
                Assert.DoesNotContain(imported, id => CustomersFile.IsInvalid(CustomersFile.RowOf(id)));
                // The upload has no use once every batch is stored.
                var uploadId = ImportJobParameters.Of(job).UploadId;
                Assert.False(await db.ImportFiles.AnyAsync(f => f.Id == uploadId));
            }

            // The rejected rows the Admin downloads: a header, then each rejected row once (the row number comes first).
            using var admin = await app.SignedInAdminAsync();
            var lines = (await admin.GetStringAsync($"imports/{job.Id}/rejected.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("row,problems", lines[0]);
            Assert.Equal(invalid, lines.Skip(1).Select(l => long.Parse(l[..l.IndexOf(',')])));
            await app.AssertEveryRunReadableAsync();
            Assert.Empty(app.Process.Failures);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The wizard's job run and the import run it records, polled from the database until the condition holds.</summary>
    private static async Task<(JobRun? Job, ImportRun? Import)> WaitForAsync(CrashableApp app, Func<JobRun?, ImportRun?, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = app.OpenDatabase())
            {
                var job = await db.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == ImportJob.Kind);
                var importRunId = job is null ? Guid.Empty : ImportJobParameters.Of(job).ImportRunId;
                var import = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == importRunId);
                if (condition(job, import)) return (job, import);
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Import job {job?.Status} ({job?.Stage}), import run {import?.Status} at row {import?.LastCommittedRow} after {timeout}.\n{app.Process.Tail()}");
            }
            await Task.Delay(100);
        }
    }

    private static float Millis(TimeSpan span) => (float)span.TotalMilliseconds;
}
