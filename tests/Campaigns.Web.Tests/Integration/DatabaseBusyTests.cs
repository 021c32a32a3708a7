using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Campaigns.Application.Integration;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Integration;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Integration;

/// <summary>Another connection holds SQLite's writer lock (a long import batch, a backup, a stuck process).</summary>
public sealed class DatabaseBusyTests
{
    [Fact]
    public async Task Under_a_held_writer_lock_writes_answer_503_with_retry_after_within_seconds_and_key_authenticated_reads_still_work()
    {
        using var app = new AppFactory();
        app.AnonymousClient();
        string key;
        using (var scope = app.Services.CreateScope())
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().CreateAsync("storefront", ApiScopes.Assign | ApiScopes.Ingest, "test")).Value!;
        Guid campaign;
        const string newcomer = "BUSY-1";
        await using (var db = app.OpenDatabase())
        {
            campaign = (await db.Campaigns.SingleAsync(c => c.Status == CampaignStatus.Live && c.Promotion.Channel == Channel.OnsiteBanner)).Id;
            // The demo assigns every customer: one more, never assigned (and in the audience, if the campaign has one).
            var customer = new Customer { ExternalId = newcomer, Region = "North" };
            db.Customers.Add(customer);
            if (await db.Audiences.Where(a => a.CampaignId == campaign).Select(a => (Guid?)a.Id).FirstOrDefaultAsync() is { } audience)
                db.AudienceMembers.Add(new AudienceMember { AudienceId = audience, CustomerId = customer.Id });
            await db.SaveChangesAsync();
        }
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/assignments", new { campaignId = campaign, customerId = "C000042" })).StatusCode);
        await using (var db = app.OpenDatabase())
            await db.ApiKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, DateTime.UtcNow.AddMinutes(-2)));

        await using (var holder = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await holder.OpenAsync();
            await using var hold = holder.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            var clock = Stopwatch.StartNew();
            var events = await client.PostAsJsonAsync("/api/events", new
            {
                events = new[] { new { eventId = "busy-1", customerId = "C000042", campaignId = campaign, type = "exposure", timestamp = DateTime.UtcNow.ToString("O") } },
            });
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"answered after {clock.Elapsed}");
            await AssertBusyAsync(events);

            // A read authenticated by a key whose last use is due to be recorded: nothing is written on the way.
            clock.Restart();
            var read = await client.PostAsJsonAsync("/api/assignments", new { campaignId = campaign, customerId = "C000042" });
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"answered after {clock.Elapsed}");

            // A new assignment cannot be stored: the lock is not a uniqueness race, so 503 and not a 500.
            await AssertBusyAsync(await client.PostAsJsonAsync("/api/assignments", new { campaignId = campaign, customerId = newcomer }));

            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/assignments", new { campaignId = campaign, customerId = newcomer })).StatusCode);
        // The key's use is stored by the background writer once the database is free.
        await app.Services.GetRequiredService<ApiKeyUsage>().FlushAsync(CancellationToken.None);
        await using (var db = app.OpenDatabase())
            Assert.True((await db.ApiKeys.SingleAsync()).LastUsedAt > DateTime.UtcNow.AddMinutes(-1));
    }

    private static async Task AssertBusyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Contains("busy", await response.Content.ReadAsStringAsync());
    }
}
