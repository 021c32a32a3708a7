using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Integration;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Integration;

public class IntegrationApiTests(IntegrationApiTests.Fixture fixture) : IClassFixture<IntegrationApiTests.Fixture>
{
    public sealed class Fixture : SeededApp, IAsyncLifetime
    {
        public string FullKey { get; private set; } = "";
        public string AssignOnlyKey { get; private set; } = "";
        public Guid LiveCampaign { get; private set; }
        public Guid DraftCampaign { get; private set; }

        public async Task InitializeAsync()
        {
            using var scope = App.Services.CreateScope();
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>();
            FullKey = await keys.CreateAsync("storefront", ApiScopes.Assign | ApiScopes.Ingest, "test");
            AssignOnlyKey = await keys.CreateAsync("assign-only", ApiScopes.Assign, "test");
            await using var db = App.OpenDatabase();
            // The demo's live on-site campaign (no email opt-out applies to banners).
            LiveCampaign = (await db.Campaigns.SingleAsync(c => c.Status == CampaignStatus.Live && c.Promotion.Channel == Channel.OnsiteBanner)).Id;
            DraftCampaign = (await db.Campaigns.FirstAsync(c => c.Status == CampaignStatus.Draft)).Id;
        }

        public HttpClient Client(string? key)
        {
            var client = App.AnonymousClient();
            if (key is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
            return client;
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Calls_without_a_key_or_with_a_revoked_one_are_refused_with_problem_details()
    {
        var none = await fixture.Client(null).PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = "C000001" });
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", (await Json(none)).GetProperty("detail").GetString());

        var wrong = await fixture.Client("cmp_not-a-key").PostAsJsonAsync("/api/events", new { events = new object[] { new { } } });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_ingest_scope_cannot_send_events()
    {
        var response = await fixture.Client(fixture.AssignOnlyKey).PostAsJsonAsync("/api/events", new { events = new object[] { new { eventId = "x" } } });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Assignment_is_sticky_and_matches_the_deterministic_hash()
    {
        var client = fixture.Client(fixture.FullKey);
        var first = await Json(await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = "C000042" }));
        var again = await Json(await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = "C000042" }));
        Assert.Equal(first.GetProperty("arm").GetProperty("id").GetGuid(), again.GetProperty("arm").GetProperty("id").GetGuid());
        Assert.False(again.GetProperty("isNew").GetBoolean());

        await using var db = fixture.App.OpenDatabase();
        var experiment = await db.Experiments.Include(e => e.Arms).SingleAsync(e => e.CampaignId == fixture.LiveCampaign);
        Assert.Equal(experiment.PickArm("C000042").Id, first.GetProperty("arm").GetProperty("id").GetGuid());
        var customer = await db.Customers.SingleAsync(c => c.ExternalId == "C000042");
        Assert.Equal(1, await db.Assignments.CountAsync(a => a.ExperimentId == experiment.Id && a.CustomerId == customer.Id));
    }

    [Fact]
    public async Task Assignment_refusals_say_why()
    {
        var client = fixture.Client(fixture.FullKey);
        var unknownCustomer = await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = "NOPE" });
        Assert.Equal(HttpStatusCode.NotFound, unknownCustomer.StatusCode);
        Assert.Contains("No customer has id 'NOPE'", (await Json(unknownCustomer)).GetProperty("detail").GetString());

        var draft = await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.DraftCampaign, customerId = "C000001" });
        Assert.Equal(HttpStatusCode.Conflict, draft.StatusCode);
        Assert.Contains("is draft", (await Json(draft)).GetProperty("detail").GetString());

        var missing = await client.PostAsJsonAsync("/api/assignments", new { customerId = "C000001" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task A_batch_keeps_its_valid_rows_reports_invalid_ones_by_row_and_is_stored_once_when_resent()
    {
        var client = fixture.Client(fixture.FullKey);
        foreach (var c in new[] { "C000101", "C000102" })
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = c })).StatusCode);
        var now = DateTime.UtcNow.AddMinutes(-5).ToString("O");
        var batch = new
        {
            events = new object[]
            {
                new { eventId = "t-1", customerId = "C000101", campaignId = fixture.LiveCampaign, type = "exposure", timestamp = now },
                new { eventId = "t-2", customerId = "C000101", campaignId = fixture.LiveCampaign, type = "conversion", timestamp = now, revenue = 54.20 },
                new { eventId = "t-3", customerId = "C000102", campaignId = fixture.LiveCampaign, type = "purchase", timestamp = now },
                new { eventId = "t-4", customerId = "C000102", campaignId = "not-a-guid", type = "exposure", timestamp = "yesterday" },
                new { eventId = "t-5", customerId = "C999999", campaignId = fixture.LiveCampaign, type = "exposure", timestamp = now },
                new { eventId = "t-1", customerId = "C000101", campaignId = fixture.LiveCampaign, type = "exposure", timestamp = now },
            },
        };

        var response = await client.PostAsJsonAsync("/api/events", batch);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal([6], body.GetProperty("duplicateRows").EnumerateArray().Select(r => r.GetInt32()));
        var rejected = body.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([3, 4, 5], rejected.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Contains("type: must be exposure, click or conversion (got 'purchase')", rejected[0].GetProperty("errors")[0].GetString());
        var row4 = rejected[1].GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(row4, e => e!.StartsWith("campaignId: 'not-a-guid' is not a GUID"));
        Assert.Contains(row4, e => e!.StartsWith("timestamp: 'yesterday'"));
        Assert.Contains("no customer has id 'C999999'", rejected[2].GetProperty("errors")[0].GetString());

        var resent = await Json(await client.PostAsJsonAsync("/api/events", batch));
        Assert.Equal(0, resent.GetProperty("accepted").GetInt32());
        Assert.Equal(3, resent.GetProperty("duplicates").GetInt32());

        await using var db = fixture.App.OpenDatabase();
        Assert.Equal(2, await db.Events.CountAsync(e => e.EventKey.StartsWith("t-")));
        Assert.Equal(54.20m, (await db.Events.SingleAsync(e => e.EventKey == "t-2")).Revenue);
    }

    [Fact]
    public async Task An_oversized_or_empty_batch_is_refused_whole()
    {
        var client = fixture.Client(fixture.FullKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/events", new { events = Array.Empty<object>() })).StatusCode);
        var big = new { events = Enumerable.Range(0, 10_001).Select(i => new { eventId = $"big-{i}" }).ToArray() };
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsJsonAsync("/api/events", big)).StatusCode);
    }

    private static ByteArrayContent JsonBody(byte[] bytes, string? encoding = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (encoding is not null) content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest)) gzip.Write(bytes);
        return compressed.ToArray();
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task A_body_over_the_limit_sent_or_decompressed_is_refused_with_problem_details()
    {
        var client = fixture.Client(fixture.FullKey);
        // 17 MB of one event's padding: over the 16 MB a batch may have.
        var huge = Encoding.UTF8.GetBytes("{\"events\":[{\"eventId\":\"" + new string('p', 17 * 1024 * 1024) + "\"}]}");

        Assert.Contains("larger than the 16 MB this endpoint accepts.", await ProblemDetailAsync(await client.PostAsync("/api/events", JsonBody(huge)), HttpStatusCode.RequestEntityTooLarge));
        Assert.Contains("larger than the 16 MB this endpoint accepts once decompressed",
            await ProblemDetailAsync(await client.PostAsync("/api/events", JsonBody(Gzip(huge), "gzip")), HttpStatusCode.RequestEntityTooLarge));
    }

    [Fact]
    public async Task A_body_labelled_gzip_must_be_gzip_and_is_read_decompressed()
    {
        var client = fixture.Client(fixture.FullKey);
        var empty = Encoding.UTF8.GetBytes("{\"events\":[]}");
        Assert.Equal("The body is labelled Content-Encoding: gzip but is not gzip data.",
            await ProblemDetailAsync(await client.PostAsync("/api/events", JsonBody(empty, "gzip")), HttpStatusCode.BadRequest));
        // Decompressed, it is read like any other body (here: a batch without events).
        Assert.Contains("with 1 to 10,000 events", await ProblemDetailAsync(await client.PostAsync("/api/events", JsonBody(Gzip(empty), "gzip")), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task The_openapi_description_lists_the_integration_endpoints()
    {
        var doc = await fixture.Client(null).GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/assignments", doc);
        Assert.Contains("/api/events", doc);
    }
}
