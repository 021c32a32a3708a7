using System.Net;
using System.Text;
using System.Text.Json;
using Campaigns.Application.Imports;
using Campaigns.Application.Integration;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Integration;
using Campaigns.Imports;
using Campaigns.Imports.Files;
using Campaigns.Web.Features.Imports;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Imports;

public class ImportApiTests(ImportApiTests.Fixture fixture) : IClassFixture<ImportApiTests.Fixture>
{
    public sealed class Fixture : SeededApp, IAsyncLifetime
    {
        public string ImportKey { get; private set; } = "";
        public string IngestKey { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var scope = App.Services.CreateScope();
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>();
            ImportKey = (await keys.CreateAsync("warehouse", ApiScopes.Import, "test")).Value!;
            IngestKey = (await keys.CreateAsync("sender", ApiScopes.Ingest, "test")).Value!;
        }

        public HttpClient Client(string? key)
        {
            var client = App.AnonymousClient();
            if (key is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
            return client;
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Imports_need_a_key_with_the_import_scope_or_an_admin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client(null).PostAsync("/api/imports/customers", Csv("customer_id\nX1\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Client(fixture.IngestKey).PostAsync("/api/imports/customers", Csv("customer_id\nX1\n"))).StatusCode);
        var marketer = await fixture.App.SignedInClientAsync("marketer@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.PostAsync("/api/imports/customers", Csv("customer_id\nX1\n"))).StatusCode);

        var admin = await fixture.App.SignedInClientAsync("admin@demo.local");
        var response = await admin.PostAsync("/api/imports/customers?dryRun=true", Csv("customer_id\nX1\n"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await Json(response)).GetProperty("inserted").GetInt64());
    }

    [Fact]
    public async Task A_query_value_that_is_not_allowed_is_a_400_naming_it_before_anything_is_stored()
    {
        var client = fixture.Client(fixture.ImportKey);
        var response = await client.PostAsync("/api/imports/campaign?channel=99&days=two&dryRun=maybe&date=someday", Csv("customer_id\nX1\n"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("dryRun: 'maybe' is not true or false; date: 'someday' is not a date (e.g. 2026-11-20); days: 'two' is not a whole number; "
            + "channel: '99' is not one of Email, Push, OnsiteBanner.", (await Json(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_csv_of_customers_is_upserted_and_a_second_post_changes_nothing()
    {
        var client = fixture.Client(fixture.ImportKey);
        const string body = "Customer ID;E-Mail;Region;tier\r\nAPI-1;a@x.org;North;gold\r\nAPI-2;b@x.org;South;silver\r\n";
        var first = await Json(await client.PostAsync("/api/imports/customers", Csv(body)));
        Assert.Equal((2, ";"), (first.GetProperty("inserted").GetInt64(), first.GetProperty("delimiter").GetString()));
        var second = await Json(await client.PostAsync("/api/imports/customers", Csv(body)));
        Assert.Equal((0, 2), (second.GetProperty("inserted").GetInt64(), second.GetProperty("skipped").GetInt64()));
        await using var db = fixture.App.OpenDatabase();
        // The body was stored as an upload in the database for the run, and removed once the run succeeded.
        var run = await db.ImportRuns.SingleAsync(r => r.Id == second.GetProperty("runId").GetGuid());
        Assert.NotNull(run.UploadId);
        Assert.False(await db.ImportFiles.AnyAsync(f => f.Id == run.UploadId));
        Assert.Equal("""{"tier":"gold"}""", (await db.Customers.SingleAsync(c => c.ExternalId == "API-1")).CustomAttributesJson);
    }

    [Fact]
    public async Task Json_lines_with_bad_rows_get_problem_details_by_row_and_column_and_the_valid_rows_are_stored()
    {
        var client = fixture.Client(fixture.ImportKey);
        await client.PostAsync("/api/imports/customers", Csv("customer_id\nJL-1\n"));
        var lines = """
            {"order_id":"JL-O1","customer_id":"JL-1","placed_at":"2026-10-01T10:00:00Z","sku":"SKU-1000","quantity":2,"unit_price":9.5}
            {"order_id":"JL-O2","customer_id":"nobody","placed_at":"2026-10-02","sku":"SKU-1000","quantity":1,"unit_price":9.5}
            {"order_id":"JL-O3","customer_id":"JL-1","placed_at":"2026-10-03","sku":"SKU-1000","quantity":-4,"unit_price":9.5}
            """;
        var response = await client.PostAsync("/api/imports/orders", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal(1, problem.GetProperty("inserted").GetInt64());
        var problems = problem.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt64(), p.GetProperty("column").GetString(), p.GetProperty("message").GetString())).ToList();
        Assert.Equal([(3L, "quantity", "quantity -4 is negative."), (2L, "customer_id", "no customer 'nobody' is stored: import the customers first.")], problems);
        await using var db = fixture.App.OpenDatabase();
        Assert.Equal(19m, (await db.Orders.SingleAsync(o => o.ExternalId == "JL-O1")).Total);
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_a_bad_request_that_says_which()
    {
        var response = await fixture.Client(fixture.ImportKey).PostAsync("/api/imports/products", Csv("sku,name\nA,B\n"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Required column category", (await Json(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_upload_above_the_configured_size_is_refused_and_nothing_is_stored()
    {
        using var small = fixture.App.WithWebHostBuilder(b => b.UseSetting("Imports:MaxUploadMegabytes", "1"));
        var client = small.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, fixture.ImportKey);
        var body = new StringBuilder("customer_id,note\n");
        for (var i = 0; body.Length < 1_100_000; i++) body.Append($"BIG-{i},{new string('x', 100)}\n");
        var response = await client.PostAsync("/api/imports/customers", Csv(body.ToString()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the 1 MB this server accepts", (await Json(response)).GetProperty("detail").GetString());
        await using var db = fixture.App.OpenDatabase();
        Assert.False(await db.Customers.AnyAsync(c => c.ExternalId.StartsWith("BIG-")));
    }

    private static ByteArrayContent Body(byte[] bytes, string mediaType, string? encoding = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        if (encoding is not null) content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await Json(response)).GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task A_gzip_body_that_decompresses_beyond_the_upload_limit_is_refused_with_problem_details()
    {
        using var small = fixture.App.WithWebHostBuilder(b => b.UseSetting("Imports:MaxUploadMegabytes", "1"));
        var client = small.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, fixture.ImportKey);
        var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize))
            gzip.Write(Encoding.ASCII.GetBytes("customer_id,note\nBOMB-1," + new string('x', 3 * 1024 * 1024) + "\n"));

        var response = await client.PostAsync("/api/imports/customers?dryRun=true", Body(compressed.ToArray(), "application/gzip"));

        Assert.Contains("decompresses to more than the 1 MB", await ProblemDetailAsync(response, HttpStatusCode.RequestEntityTooLarge));
        await using var db = fixture.App.OpenDatabase();
        Assert.False(await db.ImportFiles.AnyAsync(f => f.FileName == "customers.csv.gz"));
    }

    [Fact]
    public async Task A_body_labelled_gzip_that_is_not_gzip_is_a_bad_request_with_problem_details()
    {
        var client = fixture.Client(fixture.ImportKey);
        var csv = Encoding.UTF8.GetBytes("customer_id\nNOTGZ-1\n");
        Assert.Contains("is not gzip data", await ProblemDetailAsync(await client.PostAsync("/api/imports/customers", Body(csv, "application/gzip")), HttpStatusCode.BadRequest));
        Assert.Contains("is not gzip data", await ProblemDetailAsync(await client.PostAsync("/api/imports/customers", Body(csv, "text/csv", "gzip")), HttpStatusCode.BadRequest));
        Assert.Contains("Content-Encoding 'br'", await ProblemDetailAsync(await client.PostAsync("/api/imports/customers", Body(csv, "text/csv", "br")), HttpStatusCode.UnsupportedMediaType));
    }

    [Fact]
    public async Task An_unclosed_quote_is_a_row_problem_and_the_rows_before_it_are_checked()
    {
        var response = await fixture.Client(fixture.ImportKey).PostAsync("/api/imports/customers?dryRun=true", Csv("customer_id,email\nQ-1,a@x.org\nQ-2,\"b@x.org\nQ-3,c@x.org\n"));
        await ProblemDetailAsync(response, HttpStatusCode.UnprocessableEntity);
        var json = await Json(response);
        Assert.Equal((1L, 1L), (json.GetProperty("inserted").GetInt64(), json.GetProperty("rejected").GetInt64()));
        var problem = json.GetProperty("problems")[0];
        Assert.Equal((2, 3), (problem.GetProperty("row").GetInt32(), problem.GetProperty("line").GetInt32()));
        Assert.StartsWith("a quoted field is not closed", problem.GetProperty("message").GetString());
    }

    /// <summary>Stores an upload of customers and imports it in batches of 4, failing after the second batch (8 rows stored).</summary>
    private async Task<Guid> StoppedRunAsync(string prefix, int rows)
    {
        using var scope = fixture.App.Services.CreateScope();
        var files = scope.ServiceProvider.GetRequiredService<ImportFiles>();
        var csv = "customer_id\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"{prefix}{i}\n"));
        var upload = await files.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "customers.csv", ImportFilePurpose.Upload, "tests", long.MaxValue);
        var source = files.Source(upload.Id, upload.FileName);
        var (_, suggested, reader) = ImportEngine.Preview(source, ImportKind.Customers);
        reader.Dispose();
        var batches = 0;
        await Assert.ThrowsAsync<IOException>(() => scope.ServiceProvider.GetRequiredService<ImportEngine>().RunAsync(source,
            new ImportSettings { Kind = ImportKind.Customers, Mapping = suggested, BatchSize = 4 },
            new ImportRunOptions { User = "tests", Progress = _ => ++batches == 2 ? throw new IOException("connection reset") : Task.CompletedTask }));
        await using var db = fixture.App.OpenDatabase();
        return (await db.ImportRuns.SingleAsync(r => r.UploadId == upload.Id)).Id;
    }

    [Fact]
    public async Task A_stopped_run_resumes_after_its_last_batch_and_stores_no_row_twice()
    {
        var runId = await StoppedRunAsync("RES-", 10);
        var client = fixture.Client(fixture.ImportKey);

        var response = await client.PostAsync($"/api/imports/runs/{runId}/resume", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await Json(response);
        Assert.Equal((10L, 10L, 10L), (summary.GetProperty("rows").GetInt64(), summary.GetProperty("inserted").GetInt64(), summary.GetProperty("lastCommittedRow").GetInt64()));
        await using (var db = fixture.App.OpenDatabase())
        {
            Assert.Equal(10, await db.Customers.CountAsync(c => c.ExternalId.StartsWith("RES-")));
            var run = await db.ImportRuns.SingleAsync(r => r.Id == runId);
            Assert.Equal((ImportStatus.Succeeded, 10L), (run.Status, run.Inserted));
            Assert.False(await db.ImportFiles.AnyAsync(f => f.Id == run.UploadId));
        }

        var again = await client.PostAsync($"/api/imports/runs/{runId}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("finished already", (await Json(again)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_run_left_running_by_a_killed_process_is_refused_while_its_heartbeat_is_fresh_and_resumed_once_it_is_stale()
    {
        var runId = await StoppedRunAsync("KILL-", 10);
        var client = fixture.Client(fixture.ImportKey);
        async Task LeaveRunningAsync(DateTime heartbeat)
        {
            await using var db = fixture.App.OpenDatabase();
            await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Running).SetProperty(r => r.HeartbeatAt, heartbeat));
        }

        await LeaveRunningAsync(DateTime.UtcNow);
        Assert.Contains("If the process running it stopped, it can be resumed from",
            await ProblemDetailAsync(await client.PostAsync($"/api/imports/runs/{runId}/resume", null), HttpStatusCode.Conflict));

        // What kill -9 leaves once the heartbeat is old: the run "running" at its last committed batch.
        await LeaveRunningAsync(DateTime.UtcNow - ImportEngine.StaleAfter - TimeSpan.FromSeconds(1));
        var response = await client.PostAsync($"/api/imports/runs/{runId}/resume", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var check = fixture.App.OpenDatabase();
        Assert.Equal(10, await check.Customers.CountAsync(c => c.ExternalId.StartsWith("KILL-")));
        Assert.Equal(ImportStatus.Succeeded, (await check.ImportRuns.SingleAsync(r => r.Id == runId)).Status);
    }

    [Fact]
    public async Task A_run_that_cannot_be_resumed_gets_problem_details_that_say_why()
    {
        var client = fixture.Client(fixture.ImportKey);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/imports/runs/{Guid.NewGuid()}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Client(fixture.IngestKey).PostAsync($"/api/imports/runs/{Guid.NewGuid()}/resume", null)).StatusCode);

        var gone = await StoppedRunAsync("GONE-", 10);
        await using (var db = fixture.App.OpenDatabase())
        {
            var uploadId = (await db.ImportRuns.SingleAsync(r => r.Id == gone)).UploadId!.Value;
            using var scope = fixture.App.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ImportFiles>().DeleteAsync(uploadId);
        }
        var response = await client.PostAsync($"/api/imports/runs/{gone}/resume", null);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("POST the file again to /api/imports/customers", (await Json(response)).GetProperty("detail").GetString());

        var fromCli = new ImportRun { Kind = ImportKind.Customers, FileName = "c.csv", TriggeredBy = "cli", Status = ImportStatus.Failed };
        await using (var db = fixture.App.OpenDatabase())
        {
            db.ImportRuns.Add(fromCli);
            await db.SaveChangesAsync();
        }
        response = await client.PostAsync($"/api/imports/runs/{fromCli.Id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"--resume {fromCli.Id}", (await Json(response)).GetProperty("detail").GetString());
        await using (var db = fixture.App.OpenDatabase())
            Assert.Equal(8, await db.Customers.CountAsync(c => c.ExternalId.StartsWith("GONE-")));
    }

    [Fact]
    public async Task A_wizard_runs_rejected_rows_download_from_the_database_for_the_user_who_ran_it_or_an_admin()
    {
        Guid jobRunId;
        using (var scope = fixture.App.Services.CreateScope())
        {
            var files = scope.ServiceProvider.GetRequiredService<ImportFiles>();
            var rejected = await files.SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes("row,problems,customer_id\n2,\"Row 2: bad\",X\n")),
                "customers-rejected.csv", ImportFilePurpose.RejectedRows, "manager@demo.local", long.MaxValue);
            var importRun = new ImportRun { Kind = ImportKind.Campaign, FileName = "c.csv", TriggeredBy = "manager@demo.local", RejectedRowsFileId = rejected.Id };
            var jobRun = new Domain.Jobs.JobRun
            {
                Kind = ImportJob.Kind, TriggeredBy = "manager@demo.local", Status = Domain.Jobs.JobStatus.Succeeded,
                ParametersJson = JsonSerializer.Serialize(new ImportJobParameters { ImportRunId = importRun.Id, FileName = "c.csv" }, JsonSerializerOptions.Web),
            };
            await using var db = fixture.App.OpenDatabase();
            db.AddRange(importRun, jobRun);
            await db.SaveChangesAsync();
            jobRunId = jobRun.Id;
        }

        foreach (var user in new[] { "manager@demo.local", "admin@demo.local" })
        {
            var response = await (await fixture.App.SignedInClientAsync(user)).GetAsync($"/imports/{jobRunId}/rejected.csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("row,problems,customer_id\n2,\"Row 2: bad\",X\n", await response.Content.ReadAsStringAsync());
        }
        var marketer = await (await fixture.App.SignedInClientAsync("marketer@demo.local")).GetAsync($"/imports/{jobRunId}/rejected.csv");
        Assert.Equal(HttpStatusCode.Forbidden, marketer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fixture.Client(null).GetAsync($"/imports/{jobRunId}/rejected.csv")).StatusCode);
    }
}
