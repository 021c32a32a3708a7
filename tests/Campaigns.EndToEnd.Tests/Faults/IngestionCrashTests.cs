using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.Faults;

/// <summary>Event ingestion under SIGKILL: what the API acknowledged is kept, and resending never doubles an event.</summary>
public sealed class IngestionCrashTests(ITestOutputHelper output)
{
    private const int Senders = 4;
    private const int BatchesPerSender = 25;
    private const int BatchSize = 1000;

    [Fact]
    public async Task Events_sent_by_concurrent_senders_through_a_kill_are_each_stored_once_after_the_unacknowledged_batches_are_resent()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await CrashableApp.StartAsync(customers: 2000, output);
        var key = await app.CreateApiKeyAsync("ingest");
        var (campaignId, customers) = await LiveCampaignAsync(app);
        var prefix = $"f{Guid.NewGuid():N}"[..9];
        var batches = Enumerable.Range(0, Senders)
            .Select(s => Enumerable.Range(0, BatchesPerSender).Select(b => Batch(prefix, campaignId, customers, s, b)).ToList()).ToList();
        var acknowledged = new ConcurrentDictionary<(int Sender, int Batch), bool>();

        // Senders post their batches one after another; the app is killed once a third of them are acknowledged.
        using (var api = app.ApiClient(key))
        {
            var sending = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
            {
                for (var b = 0; b < BatchesPerSender; b++)
                {
                    try
                    {
                        using var response = await api.PostAsJsonAsync("api/events", new { events = batches[s][b] });
                        await AssertAllStoredAsync(response);
                        acknowledged[(s, b)] = true;
                    }
                    catch (HttpRequestException) { return; } // the app is gone: the rest waits for the restart
                    catch (TaskCanceledException) { return; }
                }
            })).ToList();
            while (acknowledged.Count < Senders * BatchesPerSender / 3 && !sending.All(t => t.IsCompleted)) await Task.Delay(20);
            Assert.False(sending.All(t => t.IsCompleted), "Every batch was acknowledged before the kill: the senders were too slow to catch mid-stream.");
            await app.KillAsync();
            await Task.WhenAll(sending);
        }
        output.WriteLine($"{acknowledged.Count} of {Senders * BatchesPerSender} batches acknowledged before the kill ({clock.Elapsed.TotalSeconds:0} s)");

        await app.RestartAsync();
        var resent = 0;
        using (var api = app.ApiClient(key))
            await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
            {
                for (var b = 0; b < BatchesPerSender; b++)
                {
                    if (acknowledged.ContainsKey((s, b))) continue;
                    using var response = await api.PostAsJsonAsync("api/events", new { events = batches[s][b] });
                    await AssertAllStoredAsync(response);
                    Interlocked.Increment(ref resent);
                }
            })));
        output.WriteLine($"{resent} batches resent after the restart ({clock.Elapsed.TotalSeconds:0} s)");

        // A sender that cannot tell whether its answer was lost resends: an acknowledged batch sent again adds nothing.
        using (var api = app.ApiClient(key))
            foreach (var (sender, batch) in acknowledged.Keys.GroupBy(k => k.Sender).Select(g => g.Max()))
            {
                using var response = await api.PostAsJsonAsync("api/events", new { events = batches[sender][batch] });
                await AssertAllStoredAsync(response);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(BatchSize, json.RootElement.GetProperty("duplicates").GetInt32());
            }

        var sent = batches.SelectMany(s => s).SelectMany(b => b).Select(e => e.EventId).ToHashSet();
        await using var db = app.OpenDatabase();
        var stored = await db.Events.AsNoTracking().Where(e => e.EventKey.StartsWith(prefix)).Select(e => e.EventKey).ToListAsync();
        var storedOnce = stored.ToHashSet();
        Assert.Equal(sent.Count, stored.Count);
        Assert.Equal(stored.Count, storedOnce.Count);
        Assert.True(sent.SetEquals(storedOnce), "The stored event ids are not the ids sent.");
        var acknowledgedIds = acknowledged.Keys.SelectMany(k => batches[k.Sender][k.Batch]).Select(e => e.EventId).ToList();
        Assert.True(storedOnce.IsSupersetOf(acknowledgedIds), "An acknowledged event is missing.");
        await app.AssertEveryRunReadableAsync();
        Assert.Empty(app.Process.Failures);
    }

    /// <summary>200 with every row accepted or already stored (a batch resent after a lost answer is partly or wholly duplicate).</summary>
    private static async Task AssertAllStoredAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(BatchSize, root.GetProperty("accepted").GetInt32() + root.GetProperty("duplicates").GetInt32());
    }

    /// <summary>A live campaign of the demo store and customers assigned to it (events are only taken for those).</summary>
    internal static async Task<(Guid CampaignId, List<string> Customers)> LiveCampaignAsync(CrashableApp app)
    {
        await using var db = app.OpenDatabase();
        var now = DateTime.UtcNow;
        var live = await db.Campaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.Live && c.StartsAt <= now && c.EndsAt > now)
            .Join(db.Experiments, c => c.Id, e => e.CampaignId, (c, e) => new { CampaignId = c.Id, ExperimentId = e.Id })
            .FirstAsync();
        var customers = await db.Assignments.AsNoTracking().Where(a => a.ExperimentId == live.ExperimentId)
            .Join(db.Customers, a => a.CustomerId, c => c.Id, (_, c) => c.ExternalId).Take(200).ToListAsync();
        Assert.NotEmpty(customers);
        return (live.CampaignId, customers);
    }

    private static List<Event> Batch(string prefix, Guid campaignId, List<string> customers, int sender, int batch)
    {
        var now = DateTime.UtcNow.ToString("O");
        return Enumerable.Range(0, BatchSize).Select(i => new Event(
            $"{prefix}-s{sender}-b{batch}-{i}", customers[(sender * 7919 + batch * 31 + i) % customers.Count], campaignId, i % 10 == 0 ? "click" : "exposure", now)).ToList();
    }

    private sealed record Event(string EventId, string CustomerId, Guid CampaignId, string Type, string Timestamp);
}
