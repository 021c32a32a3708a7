using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaigns.Application.Integration;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Integration;
using Campaigns.Domain.Programme;
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
            FullKey = (await keys.CreateAsync("storefront", ApiScopes.Assign | ApiScopes.Ingest, "test")).Value!;
            AssignOnlyKey = (await keys.CreateAsync("assign-only", ApiScopes.Assign, "test")).Value!;
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
        // Every answer carries the product to merge into "[Recommended product]", scored or not.
        Assert.Equal(JsonValueKind.String, first.GetProperty("recommendedProduct").ValueKind);
        // The offer to give, by its terms' names, with the coupon code the older field repeats; none in the holdout.
        var offer = first.GetProperty("offer");
        if (first.GetProperty("arm").GetProperty("isControl").GetBoolean()) Assert.Equal(JsonValueKind.Null, offer.ValueKind);
        else
        {
            Assert.True(Enum.TryParse<PromotionType>(offer.GetProperty("type").GetString(), out _));
            Assert.Equal(first.GetProperty("couponCode").ToString(), offer.GetProperty("couponCode").ToString());
        }

        await using var db = fixture.App.OpenDatabase();
        var experiment = await db.Experiments.Include(e => e.Arms).SingleAsync(e => e.CampaignId == fixture.LiveCampaign);
        Assert.Equal(experiment.PickArm("C000042").Id, first.GetProperty("arm").GetProperty("id").GetGuid());
        var customer = await db.Customers.SingleAsync(c => c.ExternalId == "C000042");
        Assert.Equal(1, await db.Assignments.CountAsync(a => a.ExperimentId == experiment.Id && a.CustomerId == customer.Id));
    }

    [Fact]
    public async Task A_customer_in_the_global_holdout_is_refused_as_not_eligible_with_the_reason()
    {
        var period = new HoldoutPeriod { Share = 0.1, Salt = HoldoutPeriod.MakeSalt(), StartsAt = DateTime.UtcNow.Date, SetBy = "tests" };
        string heldOut;
        await using (var db = fixture.App.OpenDatabase())
        {
            db.HoldoutPeriods.Add(period);
            await db.SaveChangesAsync();
            heldOut = (await db.Customers.Select(c => new { c.Id, c.ExternalId }).ToListAsync()).First(c => period.Holds(c.Id)).ExternalId;
        }
        try
        {
            var response = await fixture.Client(fixture.FullKey).PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = heldOut });
            Assert.Equal((HttpStatusCode)422, response.StatusCode);
            var problem = await Json(response);
            Assert.Equal("Not eligible", problem.GetProperty("title").GetString());
            Assert.Contains($"Customer '{heldOut}' is in the global holdout", problem.GetProperty("detail").GetString());
        }
        finally
        {
            await using var db = fixture.App.OpenDatabase();
            await db.HoldoutPeriods.Where(p => p.Id == period.Id).ExecuteDeleteAsync();
        }
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

    private static async Task<List<(int Row, string Error)>> RejectedAsync(HttpResponseMessage response)
    {
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        return (await Json(response)).GetProperty("rejected").EnumerateArray()
            .SelectMany(r => r.GetProperty("errors").EnumerateArray().Select(e => (r.GetProperty("row").GetInt32(), e.GetString()!))).ToList();
    }

    [Fact]
    public async Task Events_for_a_campaign_that_is_not_live_are_rejected_and_leave_its_results_unchanged()
    {
        await using var db = fixture.App.OpenDatabase();
        var completed = await db.Campaigns.FirstAsync(c => c.Status == CampaignStatus.Completed);
        var experiment = await db.Experiments.SingleAsync(e => e.CampaignId == completed.Id);
        var assigned = await db.Assignments.Where(a => a.ExperimentId == experiment.Id)
            .Join(db.Customers, a => a.CustomerId, c => c.Id, (a, c) => new { c.ExternalId, a.AssignedAt }).FirstAsync();
        var before = await db.Events.CountAsync(e => e.ExperimentId == experiment.Id);
        var at = assigned.AssignedAt.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");

        var response = await fixture.Client(fixture.FullKey).PostAsJsonAsync("/api/events", new
        {
            events = new object[]
            {
                new { eventId = "done-1", customerId = assigned.ExternalId, campaignId = completed.Id, type = "conversion", timestamp = at, revenue = 500 },
                new { eventId = "done-2", customerId = assigned.ExternalId, campaignId = fixture.DraftCampaign, type = "exposure", timestamp = at },
            },
        });

        var rejected = await RejectedAsync(response);
        Assert.Equal((1, $"campaignId: campaign {completed.Id} is completed; events are accepted only while it is live"), rejected[0]);
        Assert.Equal(2, rejected[1].Row);
        Assert.Equal(0, (await Json(response)).GetProperty("accepted").GetInt32());
        Assert.Equal(before, await db.Events.CountAsync(e => e.ExperimentId == experiment.Id));
    }

    [Fact]
    public async Task An_event_must_lie_between_the_experiment_start_and_now_with_five_minutes_of_clock_skew()
    {
        var client = fixture.Client(fixture.FullKey);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = "C000201" })).StatusCode);
        object Event(string id, string timestamp) => new { eventId = id, customerId = "C000201", campaignId = fixture.LiveCampaign, type = "exposure", timestamp };

        var response = await client.PostAsJsonAsync("/api/events", new
        {
            events = new[]
            {
                Event("when-1", "0001-01-01T00:00:00Z"), Event("when-2", "1970-01-01T00:00:00Z"),
                Event("when-3", DateTime.UtcNow.AddMinutes(30).ToString("O")), Event("when-4", DateTime.UtcNow.AddMinutes(2).ToString("O")),
            },
        });

        var rejected = await RejectedAsync(response);
        Assert.Equal([1, 2, 3], rejected.Select(r => r.Row));
        Assert.StartsWith("timestamp: 0001-01-01T00:00:00Z is before the campaign's experiment started", rejected[0].Error);
        Assert.StartsWith("timestamp: 1970-01-01T00:00:00Z is before the campaign's experiment started", rejected[1].Error);
        Assert.Contains("is in the future (more than 5 minutes ahead", rejected[2].Error);
        await using var db = fixture.App.OpenDatabase();
        Assert.Equal(["when-4"], await db.Events.Where(e => e.EventKey.StartsWith("when-")).Select(e => e.EventKey).ToListAsync());
    }

    [Fact]
    public async Task Ids_are_trimmed_and_bounded_and_revenue_is_bounded_with_a_reason_naming_the_field()
    {
        var client = fixture.Client(fixture.FullKey);
        var padded = await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = "  C000202 " });
        Assert.Equal("C000202", (await Json(padded)).GetProperty("customerId").GetString());
        var tooLong = await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = new string('C', 101) });
        Assert.Equal("customerId: at most 100 characters (got 101).", await ProblemDetailAsync(tooLong, HttpStatusCode.BadRequest));
        Assert.StartsWith("campaignId: required", await ProblemDetailAsync(await client.PostAsJsonAsync("/api/assignments", new { customerId = "C000202" }), HttpStatusCode.BadRequest));
        Assert.Equal("campaignId: not a GUID (the campaign's id).",
            await ProblemDetailAsync(await client.PostAsJsonAsync("/api/assignments", new { campaignId = "summer", customerId = "C000202" }), HttpStatusCode.BadRequest));

        var now = DateTime.UtcNow.ToString("O");
        var response = await client.PostAsJsonAsync("/api/events", new
        {
            events = new object[]
            {
                new { eventId = "  ids-1  ", customerId = " C000202 ", campaignId = fixture.LiveCampaign, type = "conversion", timestamp = now, revenue = 12.5 },
                new { eventId = new string('e', 101), customerId = "C000202", campaignId = fixture.LiveCampaign, type = "exposure", timestamp = now },
                new { eventId = "ids-3", customerId = "   ", campaignId = fixture.LiveCampaign, type = "exposure", timestamp = now },
                new { eventId = "ids-4", customerId = "C000202", campaignId = fixture.LiveCampaign, type = "conversion", timestamp = now, revenue = 7.9e28m },
            },
        });

        var rejected = await RejectedAsync(response);
        Assert.Equal(
            [(2, "eventId: at most 100 characters (got 101)"), (3, "customerId: required"), (4, "revenue: at most 1,000,000 per event")],
            rejected);
        await using var db = fixture.App.OpenDatabase();
        Assert.Equal(12.5m, (await db.Events.SingleAsync(e => e.EventKey == "ids-1")).Revenue);
    }

    [Fact]
    public async Task AssignedAt_is_UTC_with_its_zone_on_the_first_answer_and_every_one_after()
    {
        var client = fixture.Client(fixture.FullKey);
        var first = await Json(await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = "C000203" }));
        var again = await Json(await client.PostAsJsonAsync("/api/assignments", new { campaignId = fixture.LiveCampaign, customerId = "C000203" }));
        Assert.EndsWith("Z", first.GetProperty("assignedAt").GetString());
        Assert.EndsWith("Z", again.GetProperty("assignedAt").GetString());
        Assert.Equal(first.GetProperty("assignedAt").GetDateTimeOffset(), again.GetProperty("assignedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_query_value_that_is_not_allowed_is_a_400_naming_the_parameter_and_what_it_allows()
    {
        var manager = await fixture.App.SignedInClientAsync("manager@demo.local");
        Guid experiment;
        await using (var db = fixture.App.OpenDatabase())
            experiment = (await db.Experiments.SingleAsync(e => e.CampaignId == fixture.LiveCampaign)).Id;

        Assert.Equal("engine: '99' is not one of Frequentist, Bayesian, Sequential.",
            await ProblemDetailAsync(await manager.GetAsync($"/api/experiments/{experiment}/results?engine=99"), HttpStatusCode.BadRequest));
        var several = await ProblemDetailAsync(await manager.GetAsync($"/api/experiments/{experiment}/results.csv?correction=Bonferroni&cuped=maybe"), HttpStatusCode.BadRequest);
        Assert.Equal("correction: 'Bonferroni' is not one of None, Holm, BenjaminiHochberg; cuped: 'maybe' is not true or false.", several);
        Assert.StartsWith("status: '2' is not one of Draft,", await ProblemDetailAsync(await manager.GetAsync("/api/campaigns?status=2"), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/experiments/{experiment}/results?engine=bayesian&cuped=false")).StatusCode);
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
