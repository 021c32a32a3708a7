using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Campaigns.EndToEnd.Tests.Faults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Scale-out as an operator runs it: two app processes on one PostgreSQL database, sharing Hangfire's queues. Work is
/// done once whichever instance takes it, what one instance does is seen on the other, and when one dies the other
/// finishes its work.
/// </summary>
public sealed class TwoInstancesTests(ITestOutputHelper output)
{
    private const int Customers = 3000;
    private const int Batches = 8;
    private const int BatchSize = 500;
    private static readonly TimeSpan TakeoverTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Two_instances_share_one_database_doing_each_job_once_counting_each_event_once_and_taking_over_a_dead_instances_training()
    {
        var clock = Stopwatch.StartNew();
        await using var database = await FreshPostgresDatabase.CreateAsync();
        // One certificate for the key ring both read from the database, as an operator configures a cluster.
        var certificate = Path.Combine(Path.GetTempPath(), $"campaigns-keyring-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(certificate, KeyRingCertificateFile());
        var cluster = new Dictionary<string, string> { ["DataProtection__CertificatePath"] = certificate };
        // Started together: both race to migrate and seed; the database's lock gives the work to one.
        var starting = new[] { CrashableApp.StartAsync(Customers, output, database.Options, cluster), CrashableApp.StartAsync(Customers, output, database.Options, cluster) };
        await using var first = await starting[0];
        await using var second = await starting[1];
        output.WriteLine($"Both instances ready ({clock.Elapsed.TotalSeconds:0} s)");
        await using (var db = first.OpenDatabase())
            Assert.Equal(Customers, await db.Customers.CountAsync()); // seeded once, not twice

        // A sign-in on one instance is good on the other (a load balancer may send the next request anywhere).
        using (var signedIn = await first.SignedInAdminAsync())
        {
            using var response = await signedIn.GetAsync(new Uri(second.BaseAddress, "programme"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // not a redirect to the sign-in page
        }

        await EventsSentThroughBothAreStoredOnceAsync(first, second);
        output.WriteLine($"Events checked ({clock.Elapsed.TotalSeconds:0} s)");

        // A training asked of one instance is run by one of the two, and its progress reads the same on the other.
        Guid runId;
        using (var admin = await first.SignedInAdminAsync())
        {
            using var response = await admin.PostAsJsonAsync("api/models/uplift/train", new { });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            runId = (await response.Content.ReadFromJsonAsync<Accepted>())!.Id;
        }
        using (var observer = await second.SignedInAdminAsync())
        {
            var seen = await PollAsync(observer, runId, r => r.Status == "Running" && r.Progress >= 20 || r.Status is "Succeeded" or "Failed", TimeSpan.FromMinutes(5));
            Assert.True(seen.Status == "Running", $"The training ended {seen.Status} before its progress could be watched: {seen.Error}");
            output.WriteLine($"Progress read on the other instance: {seen.Progress:0}% ({seen.Stage}), {clock.Elapsed.TotalSeconds:0} s");
        }

        // Exactly one instance took it; that instance dies, and the other takes the run over and finishes it.
        var runners = await ProcessingServersAsync(database, runId);
        var runner = Assert.Single(runners);
        var (dead, survivor) = runner.Contains($"-{first.Process.Id}-", StringComparison.Ordinal) ? (first, second) : (second, first);
        Assert.Contains($"-{dead.Process.Id}-", runner, StringComparison.Ordinal);
        await dead.KillAsync();
        output.WriteLine($"Killed the instance running the training ({clock.Elapsed.TotalSeconds:0} s)");
        using (var admin = await survivor.SignedInAdminAsync())
        {
            var finished = await PollAsync(admin, runId, r => r.Status is "Succeeded" or "Failed" or "Cancelled", TakeoverTimeout);
            Assert.True(finished.Status == "Succeeded", $"The run taken over ended {finished.Status}: {finished.Error}");
        }
        output.WriteLine($"Taken over and finished ({clock.Elapsed.TotalSeconds:0} s)");
        await using (var db = survivor.OpenDatabase())
        {
            var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            Assert.Equal(1, run.Takeovers);
            Assert.Equal(1, await db.ModelVersions.CountAsync(v => v.JobRunId == runId)); // one model, not one per instance
        }
        // Queued again as a new Hangfire job, which the survivor alone took.
        var takenOverBy = Assert.Single(await ProcessingServersAsync(database, runId));
        Assert.Contains($"-{survivor.Process.Id}-", takenOverBy, StringComparison.Ordinal);

        // The recurring rollup runs on the cluster's schedule, once a minute, not once per instance: counted over two whole
        // minutes after the takeover, when no training starves the survivor (a window over the training missed a minute).
        var now = DateTime.UtcNow;
        var since = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddMinutes(1);
        while (DateTime.UtcNow < since.AddMinutes(2).AddSeconds(5)) await Task.Delay(TimeSpan.FromSeconds(1));
        var perMinute = await RecurringRunsPerMinuteAsync(database, "ExperimentRollupJob", since);
        output.WriteLine($"Rollup runs per minute: {string.Join(", ", perMinute)}");
        Assert.True(perMinute.Count >= 2, "The recurring rollup did not run in the test's minutes.");
        Assert.All(perMinute, count => Assert.Equal(1, count));
        await survivor.AssertEveryRunReadableAsync();
        Assert.Empty(survivor.Process.Failures);
    }

    private static byte[] KeyRingCertificateFile()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Campaigns test cluster", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Pkcs12);
    }

    /// <summary>The same batches sent through both instances at once: each event is stored once, the rest reported duplicate.</summary>
    private static async Task EventsSentThroughBothAreStoredOnceAsync(CrashableApp first, CrashableApp second)
    {
        var key = await first.CreateApiKeyAsync("ingest");
        var (campaignId, customers) = await IngestionCrashTests.LiveCampaignAsync(first);
        var prefix = $"s{Guid.NewGuid():N}"[..9];
        var now = DateTime.UtcNow.ToString("O");
        var batches = Enumerable.Range(0, Batches).Select(b => Enumerable.Range(0, BatchSize).Select(i => new
        {
            eventId = $"{prefix}-{b}-{i}", customerId = customers[(b * 31 + i) % customers.Count], campaignId, type = i % 10 == 0 ? "click" : "exposure", timestamp = now,
        }).ToList()).ToList();
        using var a = first.ApiClient(key);
        using var b = second.ApiClient(key);
        var answers = await Task.WhenAll(batches.SelectMany(batch => new[] { a, b }.Select(async api =>
        {
            using var response = await api.PostAsJsonAsync("api/events", new { events = batch });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            return (Accepted: json.RootElement.GetProperty("accepted").GetInt32(), Duplicates: json.RootElement.GetProperty("duplicates").GetInt32());
        })));
        Assert.Equal(Batches * BatchSize, answers.Sum(x => x.Accepted));
        Assert.Equal(Batches * BatchSize, answers.Sum(x => x.Duplicates));
        await using var db = second.OpenDatabase();
        var stored = await db.Events.AsNoTracking().Where(e => e.EventKey.StartsWith(prefix)).Select(e => e.EventKey).ToListAsync();
        Assert.Equal(Batches * BatchSize, stored.Count);
        Assert.Equal(stored.Count, stored.Distinct().Count());
    }

    /// <summary>The Hangfire servers that took the run's current job, in order (its "Processing" states).</summary>
    private static async Task<List<string>> ProcessingServersAsync(FreshPostgresDatabase database, Guid runId)
    {
        string hangfireId;
        await using (var db = database.Options.CreateContext())
            hangfireId = (await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId)).HangfireJobId!;
        return await QueryAsync(database, """
            SELECT s.data::json ->> 'ServerId' FROM hangfire.state s
            WHERE s.jobid = @job AND s.name = 'Processing' ORDER BY s.id
            """, c => c.Parameters.AddWithValue("job", long.Parse(hangfireId)), r => r.GetString(0));
    }

    /// <summary>How many jobs the recurring job of <paramref name="type"/> created in each whole minute from <paramref name="since"/> (UTC) to now.</summary>
    private static Task<List<long>> RecurringRunsPerMinuteAsync(FreshPostgresDatabase database, string type, DateTime since) =>
        QueryAsync(database, """
            SELECT COUNT(*) FROM hangfire.job j
            WHERE j.invocationdata ->> 'Type' LIKE @type AND j.createdat >= @since AND j.createdat < date_trunc('minute', now())
            GROUP BY date_trunc('minute', j.createdat) ORDER BY 1
            """, c =>
        {
            c.Parameters.AddWithValue("type", $"%{type}%");
            c.Parameters.AddWithValue("since", since);
        }, r => r.GetInt64(0));

    private static async Task<List<T>> QueryAsync<T>(FreshPostgresDatabase database, string sql, Action<NpgsqlCommand> parameters, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        parameters(command);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    private static async Task<Run> PollAsync(HttpClient admin, Guid runId, Func<Run, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = (await admin.GetFromJsonAsync<Run>($"api/jobs/{runId}"))!;
            if (condition(run)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Job run {runId} is {run.Status} ({run.Stage}, {run.Progress:0}%) after {timeout}.");
            await Task.Delay(200);
        }
    }

    private sealed record Accepted(Guid Id);

    private sealed record Run(string Status, double Progress, string? Stage, string? Error);
}
