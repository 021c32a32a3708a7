using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench load`: N signed-in users (a Manager each) reading the dashboard and one experiment's results while
/// a sender posts events at a target rate, against the app at --url. Each user loops over the dashboard page, the
/// results page and the results API (a page's GET is its full server prerender with every query its components run),
/// pausing a random think time between requests; the sender posts pre-built batches on a fixed schedule (open loop:
/// a slow answer does not lower the offered rate, only the achieved one), at most --senders batches at once.
/// </summary>
internal static class LoadBenchmark
{
    private static readonly string[] Routes = ["dashboard page", "results page", "results API"];

    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var url = options.Value("url") ?? "http://127.0.0.1:5000";
        var password = options.Value("password") ?? throw new ArgumentException("--password is required.");
        var key = options.Value("key") ?? throw new ArgumentException("--key is required: an API key with the ingest scope (`campaigns apikey create --name bench`).");
        var users = options.Int("users", 200);
        var seconds = options.Int("seconds", 30);
        var rate = ZeroOrInt(options, "rate", 50_000);
        var batchSize = Math.Clamp(options.Int("batch", 5_000), 1, 10_000);
        var senders = options.Int("senders", 8);
        var thinkMs = ZeroOrInt(options, "think-ms", 1_000);

        var (experiment, audience) = await TargetsAsync(options, openDatabase);
        var routes = new[] { "", $"experiments/{experiment}", $"api/experiments/{experiment}/results" };
        var batches = rate == 0 ? [] : Batches(audience, (int)Math.Ceiling((double)rate * seconds / batchSize), batchSize);

        // One sign-in shared by every user (a password hash per user would measure sign-in, not the pages); each user
        // still has requests of its own in flight, over a pool of connections.
        using var http = await AppClient.SignInAsync(url, options.Value("email") ?? "manager@demo.local", password);
        using var ingest = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        ingest.DefaultRequestHeaders.Add("X-Api-Key", key);
        foreach (var route in routes) await TimeAsync(http, route); // warm-up: JIT, first queries, connection

        var timings = Routes.Select(_ => new ConcurrentBag<double>()).ToArray();
        var errors = new ConcurrentDictionary<string, int>();
        long stored = 0, refused = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        var readers = Enumerable.Range(0, users).Select(u => Task.Run(async () =>
        {
            var rng = new Random(u);
            for (var r = u % routes.Length; !stop.IsCancellationRequested; r = (r + 1) % routes.Length)
            {
                var (ms, error) = await TimeAsync(http, routes[r]);
                if (error is null) timings[r].Add(ms);
                else errors.AddOrUpdate($"{Routes[r]}: {error}", 1, (_, n) => n + 1);
                try { await Task.Delay(thinkMs / 2 + rng.Next(thinkMs + 1), stop.Token); }
                catch (OperationCanceledException) { }
            }
        })).ToList();
        var sending = SendAsync(ingest, batches, seconds, senders, errors, n => Interlocked.Add(ref stored, n), () => Interlocked.Increment(ref refused));
        await Task.WhenAll(readers);
        var sendSeconds = await sending;
        var elapsed = clock.Elapsed.TotalSeconds;

        Console.WriteLine($"{users} users for {elapsed:0} s (think time {thinkMs / 2}-{thinkMs * 3 / 2} ms), experiment {experiment}, offered events {rate:N0}/s in batches of {batchSize:N0}:");
        for (var r = 0; r < routes.Length; r++)
        {
            var sorted = timings[r].Order().ToArray();
            string P(double q) => sorted.Length == 0 ? "-" : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))].ToString("0") + " ms";
            Console.WriteLine($"  {Routes[r],-15} {sorted.Length,6} requests  p50 {P(0.5),8}  p95 {P(0.95),8}  p99 {P(0.99),8}  max {P(1),8}");
        }
        Console.WriteLine($"  events: {stored:N0} stored in {sendSeconds:0.0} s = {stored / Math.Max(sendSeconds, 0.001):N0} events/s achieved ({refused:N0} batches refused with 429/503)");
        Console.WriteLine(errors.IsEmpty ? "  errors: none" : "  errors: " + string.Join("; ", errors.OrderBy(e => e.Key).Select(e => $"{e.Key} x{e.Value}")));
        return errors.IsEmpty ? 0 : 1;
    }

    /// <summary>A positive whole number, or 0 (no events; no pause).</summary>
    private static int ZeroOrInt(CommandOptions options, string name, int fallback) => options.Value(name) == "0" ? 0 : options.Int(name, fallback);

    /// <summary>The experiment started last that is running, and customers assigned to live campaigns to send events for.</summary>
    private static async Task<(Guid Experiment, List<(string Customer, Guid Campaign)> Audience)> TargetsAsync(
        CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        await using var db = openDatabase(options);
        var experiment = await db.Experiments.AsNoTracking().Where(e => e.Status == ExperimentStatus.Running && e.StartedAt != null)
            .OrderByDescending(e => e.StartedAt).Select(e => (Guid?)e.Id).FirstOrDefaultAsync();
        var audience = await (from a in db.Assignments
                              join e in db.Experiments on a.ExperimentId equals e.Id
                              join c in db.Campaigns on e.CampaignId equals c.Id
                              join cu in db.Customers on a.CustomerId equals cu.Id
                              where c.Status == CampaignStatus.Live && e.Status == ExperimentStatus.Running
                              select new { cu.ExternalId, c.Id }).Take(200_000).ToListAsync();
        if (experiment is null || audience.Count == 0)
            throw new ArgumentException("No running experiment with assigned customers in this database; point --database at the app's store (the demo store has some).");
        return (experiment.Value, audience.Select(a => (a.ExternalId, a.Id)).ToList());
    }

    /// <summary>Batches of realistic events (exposures, 4% conversions with revenue), serialized before the clock starts.</summary>
    private static List<byte[]> Batches(List<(string Customer, Guid Campaign)> audience, int count, int size)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var rng = new Random(7);
        var at = DateTime.UtcNow.AddMinutes(-10).ToString("O");
        return Enumerable.Range(0, count).Select(b => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            events = Enumerable.Range(0, size).Select(i =>
            {
                var (customer, campaign) = audience[rng.Next(audience.Count)];
                var converted = rng.NextDouble() < 0.04;
                return new
                {
                    eventId = $"{run}-{b}-{i}", customerId = customer, campaignId = campaign, type = converted ? "conversion" : "exposure",
                    timestamp = at, revenue = converted ? Math.Round(20 + rng.NextDouble() * 120, 2) : 0,
                };
            }).ToArray(),
        })).ToList();
    }

    /// <summary>Posts batch k at k/count of the duration, at most <paramref name="senders"/> at once; returns the seconds until the last answer.</summary>
    private static async Task<double> SendAsync(HttpClient http, List<byte[]> batches, int seconds, int senders,
        ConcurrentDictionary<string, int> errors, Action<long> stored, Action refused)
    {
        if (batches.Count == 0) return seconds;
        var clock = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(senders);
        var posts = new List<Task>(batches.Count);
        for (var k = 0; k < batches.Count; k++)
        {
            var due = TimeSpan.FromSeconds((double)seconds * k / batches.Count);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            await slots.WaitAsync();
            var body = batches[k];
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await http.PostAsync("api/events", content);
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                        stored(System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("accepted").GetInt64());
                    else if ((int)response.StatusCode is 429 or 503) refused();
                    else errors.AddOrUpdate($"events: {(int)response.StatusCode}", 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    errors.AddOrUpdate($"events: {ex.GetType().Name}", 1, (_, n) => n + 1);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }
        await Task.WhenAll(posts);
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Ms, string? Error)> TimeAsync(HttpClient http, string route)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(route);
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode ? (clock.Elapsed.TotalMilliseconds, null) : (0, ((int)response.StatusCode).ToString());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (0, ex.GetType().Name);
        }
    }
}
