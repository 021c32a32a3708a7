using System.Net;
using System.Text;
using System.Text.Json;
using Campaigns.Domain.Integration;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
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
            ImportKey = await keys.CreateAsync("warehouse", ApiScopes.Import, "test");
            IngestKey = await keys.CreateAsync("sender", ApiScopes.Ingest, "test");
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
    public async Task A_csv_of_customers_is_upserted_and_a_second_post_changes_nothing()
    {
        var client = fixture.Client(fixture.ImportKey);
        const string body = "Customer ID;E-Mail;Region;tier\r\nAPI-1;a@x.org;North;gold\r\nAPI-2;b@x.org;South;silver\r\n";
        var first = await Json(await client.PostAsync("/api/imports/customers", Csv(body)));
        Assert.Equal((2, ";"), (first.GetProperty("inserted").GetInt64(), first.GetProperty("delimiter").GetString()));
        var second = await Json(await client.PostAsync("/api/imports/customers", Csv(body)));
        Assert.Equal((0, 2), (second.GetProperty("inserted").GetInt64(), second.GetProperty("skipped").GetInt64()));
        await using var db = fixture.App.OpenDatabase();
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
}
