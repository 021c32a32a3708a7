using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Campaigns.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.Faults;

/// <summary>An import through the API under SIGKILL: the run is resumed after its last batch and no row is lost or doubled.</summary>
public sealed class ApiImportCrashTests(ITestOutputHelper output)
{
    private const int Rows = 300_000;

    [Fact]
    public async Task An_api_import_killed_after_some_batches_is_resumed_once_stale_and_stores_every_valid_row_once()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await CrashableApp.StartAsync(customers: 500, output);
        var key = await app.CreateApiKeyAsync("import");
        var csv = CustomersFile.Generate(Rows);
        var invalid = CustomersFile.InvalidRows(Rows);

        using (var api = app.ApiClient(key, TimeSpan.FromMinutes(10)))
        {
            var importing = api.PostAsync("api/imports/customers", Content(csv));
            var committed = await WaitForFirstBatchAsync(app, importing);
            // Anywhere from reading the next batch to writing it: a different point of the batch cycle in each run.
            var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(2000));
            await Task.Delay(delay);
            Assert.False(importing.IsCompleted, "The import finished before it could be killed.");
            await app.KillAsync();
            output.WriteLine($"Killed {delay.TotalMilliseconds:0} ms after data row {committed:N0} was committed ({clock.Elapsed.TotalSeconds:0} s)");
            await Assert.ThrowsAnyAsync<Exception>(() => importing); // the answer never came
        }

        await app.RestartAsync();
        ImportRun left;
        await using (var db = app.OpenDatabase())
            left = await db.ImportRuns.AsNoTracking().SingleAsync();
        Assert.Equal(ImportStatus.Running, left.Status); // no job: nothing marks it stopped but the missing heartbeat
        Assert.True(left.LastCommittedRow > 0 && left.LastCommittedRow < Rows, $"Position {left.LastCommittedRow}");

        // Refused (409, with the time it can be) while the heartbeat is fresh; taken once it is stale.
        using var resumer = app.ApiClient(key, TimeSpan.FromMinutes(10));
        HttpResponseMessage resumed;
        var refusals = 0;
        while ((resumed = await resumer.PostAsync($"api/imports/runs/{left.Id}/resume", null)).StatusCode == HttpStatusCode.Conflict)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(8), await resumed.Content.ReadAsStringAsync());
            refusals++;
            resumed.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        var body = await resumed.Content.ReadAsStringAsync();
        output.WriteLine($"Resumed after {refusals} refusals ({clock.Elapsed.TotalSeconds:0} s): {(int)resumed.StatusCode}");
        Assert.True(refusals > 0, "The resume was accepted while the killed run's heartbeat was still fresh.");

        // Some rows are invalid: 422 with the totals of the whole run and the problems of the rows read after the position.
        Assert.True(resumed.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)resumed.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(Rows - invalid.Count, root.GetProperty("inserted").GetInt64());
        Assert.Equal(invalid.Count, root.GetProperty("rejected").GetInt64());
        var problemRows = root.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("row").GetInt64()).ToList();
        Assert.Equal(invalid.Where(r => r > left.LastCommittedRow), problemRows.Order());

        await using (var db = app.OpenDatabase())
        {
            var run = await db.ImportRuns.AsNoTracking().SingleAsync();
            Assert.Equal((ImportStatus.Succeeded, (long)Rows, (long)invalid.Count), (run.Status, run.LastCommittedRow, run.Rejected));
            var imported = await db.Customers.AsNoTracking().Where(c => c.ExternalId.StartsWith(CustomersFile.Prefix)).Select(c => c.ExternalId).ToListAsync();
            Assert.Equal(Rows - invalid.Count, imported.Count);
            Assert.Equal(imported.Count, imported.Distinct().Count());
            Assert.DoesNotContain(imported, id => CustomersFile.IsInvalid(CustomersFile.RowOf(id)));
        }
        output.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0} s");
        await app.AssertEveryRunReadableAsync();
        Assert.Empty(app.Process.Failures);
    }

    /// <summary>The position of the first committed batch, polled from the database while the request is under way.</summary>
    private static async Task<long> WaitForFirstBatchAsync(CrashableApp app, Task<HttpResponseMessage> importing)
    {
        while (!importing.IsCompleted)
        {
            await using (var db = app.OpenDatabase())
                if (await db.ImportRuns.AsNoTracking().Select(r => r.LastCommittedRow).FirstOrDefaultAsync() is > 0 and var position)
                    return position;
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"The import finished ({(await importing).StatusCode}) before a batch could be seen committed.");
    }

    private static ByteArrayContent Content(byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }
}
