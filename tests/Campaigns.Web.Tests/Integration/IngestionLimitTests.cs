using System.Net;
using System.Net.Http.Json;
using Campaigns.Application.Integration;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Integration;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Integration;

/// <summary>More event batches at once than the instance works on: the extra ones are refused at once, whole.</summary>
public sealed class IngestionLimitTests
{
    [Fact]
    public async Task A_batch_past_the_limit_is_answered_503_with_retry_after_and_nothing_of_it_is_stored()
    {
        using var app = new AppFactory(configure: b =>
        {
            b.UseSetting("Ingestion:ConcurrentBatches", "1");
            b.UseSetting("Ingestion:QueuedBatches", "0");
            b.UseSetting("Ingestion:RetryAfterSeconds", "2");
            b.UseSetting("Database:BusyTimeoutSeconds", "20");
        });
        app.AnonymousClient();
        string key;
        using (var scope = app.Services.CreateScope())
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().CreateAsync("sender", ApiScopes.Ingest, "test")).Value!;
        Guid campaign;
        await using (var db = app.OpenDatabase())
            campaign = (await db.Campaigns.FirstAsync(c => c.Status == CampaignStatus.Live)).Id;
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
        object Batch(string id) => new { events = new[] { new { eventId = id, customerId = "C000042", campaignId = campaign, type = "exposure", timestamp = DateTime.UtcNow.ToString("O") } } };

        Task<HttpResponseMessage> first;
        HttpResponseMessage second;
        // The first batch takes the only turn and waits on SQLite's writer lock, held here.
        await using (var holder = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await holder.OpenAsync();
            await using var hold = holder.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();
            first = client.PostAsJsonAsync("/api/events", Batch("limit-first"));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(first.IsCompleted, "the first batch should still be waiting for the writer lock");

            second = await client.PostAsJsonAsync("/api/events", Batch("limit-second"));
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        var body = await second.Content.ReadAsStringAsync();
        Assert.True(second.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)second.StatusCode} {body}");
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), second.Headers.RetryAfter?.Delta);
        Assert.Contains("Ingestion busy", body);
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        await using (var db = app.OpenDatabase())
        {
            Assert.True(await db.Events.AnyAsync(e => e.EventKey == "limit-first"));
            Assert.False(await db.Events.AnyAsync(e => e.EventKey == "limit-second"));
        }

        // Sent again once the turn is free, it is stored.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/events", Batch("limit-second"))).StatusCode);
    }
}
