using System.Diagnostics;
using System.Net.Http.Json;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench ingest`: a second process posting realistic batches (exposures with a few percent of
/// conversions carrying revenue) for customers assigned to the live campaigns, over loopback, and reporting
/// the sustained rate of stored events.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var url = options.Value("url") ?? "http://127.0.0.1:5000";
        var key = options.Value("key") ?? throw new ArgumentException("--key is required (create one with `campaigns apikey create --name bench`).");
        var total = options.Int("events", 1_000_000);
        var batchSize = Math.Min(10_000, options.Int("batch", 10_000));
        var concurrency = options.Int("concurrency", 4);

        List<(string Customer, Guid Campaign)> audience;
        await using (var db = openDatabase(options))
        {
            audience = await (from a in db.Assignments
                              join e in db.Experiments on a.ExperimentId equals e.Id
                              join c in db.Campaigns on e.CampaignId equals c.Id
                              join cu in db.Customers on a.CustomerId equals cu.Id
                              where c.Status == CampaignStatus.Live && e.Status == ExperimentStatus.Running
                              select new { cu.ExternalId, c.Id }).Take(200_000).Select(x => ValueTuple.Create(x.ExternalId, x.Id)).ToListAsync();
        }
        if (audience.Count == 0) throw new ArgumentException("No customer is assigned to a live campaign in this database; seed the demo store first.");

        var run = Guid.NewGuid().ToString("N")[..8];
        var rng = new Random(7);
        var start = DateTime.UtcNow.AddHours(-1).ToString("O");
        var batches = Enumerable.Range(0, (total + batchSize - 1) / batchSize).Select(b =>
        {
            var count = Math.Min(batchSize, total - b * batchSize);
            var events = new object[count];
            for (var i = 0; i < count; i++)
            {
                var (customer, campaign) = audience[rng.Next(audience.Count)];
                var converted = rng.NextDouble() < 0.04;
                events[i] = new
                {
                    eventId = $"{run}-{b}-{i}", customerId = customer, campaignId = campaign,
                    type = converted ? "conversion" : "exposure", timestamp = start, revenue = converted ? Math.Round(20 + rng.NextDouble() * 120, 2) : 0,
                };
            }
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { events });
        }).ToList();

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        // Batches are serialized before the clock starts; warm-up pays JIT and connection costs.
        await http.PostAsync("/api/events", JsonContent.Create(new { events = new[] { new { eventId = $"{run}-warmup", customerId = audience[0].Customer, campaignId = audience[0].Campaign, type = "exposure", timestamp = start } } }));

        long accepted = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (content, ct) =>
        {
            using var body0 = new ByteArrayContent(content);
            body0.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync("/api/events", body0, ct);
            var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>(ct);
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failed);
            Interlocked.Add(ref accepted, Convert.ToInt64(body!["accepted"].ToString()));
        });
        clock.Stop();
        Console.WriteLine($"{accepted:N0} events stored in {clock.Elapsed.TotalSeconds:0.00} s = {accepted / clock.Elapsed.TotalSeconds:N0} events/s " +
                          $"({batches.Count} batches of {batchSize:N0}, concurrency {concurrency}, {failed} failed batches)");
        return failed == 0 ? 0 : 1;
    }
}
