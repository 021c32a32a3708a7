using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Tests.Campaigns;

/// <summary>Creating and replacing campaigns over HTTP, with several offers, checked as the editor checks them.</summary>
public class CampaignApiTests(SeededApp store) : IClassFixture<SeededApp>
{
    private const string Marketer = "marketer@demo.local";

    private static object Body(string name, decimal budget, params object[] offers) => new
    {
        name, channel = "email", startsAt = "2027-03-01T00:00:00Z", endsAt = "2027-03-15T00:00:00Z", budget, offers,
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_marketer_creates_a_campaign_with_three_offers_in_their_order_on_its_channel()
    {
        var client = await store.App.SignedInClientAsync(Marketer);

        var response = await client.PostAsJsonAsync("/api/campaigns", Body("API spring offers", 800,
            new { type = "percentDiscount", percentOff = 10, couponCode = "SPRING-10" },
            new { type = "freeShipping" },
            new { type = "fixedAmountOff", amountOff = 5, minimumSpend = 40 }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var row = await JsonAsync(response);
        var id = row.GetProperty("id").GetGuid();
        Assert.Equal($"/campaigns/{id}", response.Headers.Location!.OriginalString);
        Assert.StartsWith("3 offers: 10% off, Free shipping,", row.GetProperty("offer").GetString());
        await using var db = store.App.OpenDatabase();
        var stored = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal(["10% off", "Free shipping", "5 off over 40"], stored.Offers.Select(o => o.Describe()));
        Assert.All(stored.Offers, o => Assert.Equal(Channel.Email, o.Channel));
        Assert.Equal((CampaignStatus.Draft, Marketer), (stored.Status, stored.CreatedBy));
    }

    [Fact]
    public async Task Bad_offers_and_a_negative_budget_are_a_validation_problem_naming_each_field_and_nothing_is_stored()
    {
        var client = await store.App.SignedInClientAsync(Marketer);

        var response = await client.PostAsJsonAsync("/api/campaigns", Body("API bad offers", -20,
            new { type = "percentDiscount", percentOff = 10 },
            new { type = "percentDiscount" },
            new { type = "percentDiscount", percentOff = 10 }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Equal("The budget cannot be negative (got -20): enter the most the discounts may cost, above zero.", errors.GetProperty("budget")[0].GetString());
        Assert.Equal("Enter the percentage off.", errors.GetProperty("offers[1].percentOff")[0].GetString());
        Assert.StartsWith("Offer 3 has the same terms as offer 1", errors.GetProperty("offers[2].type")[0].GetString());
        await using var db = store.App.OpenDatabase();
        Assert.False(await db.Campaigns.AnyAsync(c => c.Name == "API bad offers"));
    }

    [Fact]
    public async Task Six_offers_an_unknown_type_or_channel_and_no_offers_are_refused_with_their_reason()
    {
        var client = await store.App.SignedInClientAsync(Marketer);
        var six = Enumerable.Range(1, 6).Select(i => (object)new { type = "percentDiscount", percentOff = i * 5 }).ToArray();

        var tooMany = (await JsonAsync(await client.PostAsJsonAsync("/api/campaigns", Body("API six", 500, six)))).GetProperty("errors");
        var unknown = await client.PostAsJsonAsync("/api/campaigns", new
        {
            name = "API unknown", channel = "fax", startsAt = "2027-03-01", endsAt = "2027-03-15", budget = 500, offers = new[] { new { type = "cashback" } },
        });
        var none = await client.PostAsJsonAsync("/api/campaigns", Body("API none", 500));

        Assert.Equal("A campaign tests at most 5 offers; remove 1.", tooMany.GetProperty("offers")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var errors = (await JsonAsync(unknown)).GetProperty("errors");
        Assert.Equal("Unknown channel 'fax'; use email, push, onsiteBanner.", errors.GetProperty("channel")[0].GetString());
        Assert.Equal("Unknown offer type 'cashback'; use percentDiscount, fixedAmountOff, freeShipping, bundle.", errors.GetProperty("offers[0].type")[0].GetString());
        Assert.Equal("Give the campaign 1 to 5 offers; the first is its main offer.", (await JsonAsync(none)).GetProperty("errors").GetProperty("offers")[0].GetString());
    }

    [Fact]
    public async Task Replacing_a_draft_changes_its_offers_and_a_missing_campaign_is_a_404()
    {
        var client = await store.App.SignedInClientAsync(Marketer);
        var created = await JsonAsync(await client.PostAsJsonAsync("/api/campaigns", Body("API replace", 500, new { type = "percentDiscount", percentOff = 10 })));
        var id = created.GetProperty("id").GetGuid();

        var replaced = await client.PutAsJsonAsync($"/api/campaigns/{id}", Body("API replace", 500,
            new { type = "percentDiscount", percentOff = 10 }, new { type = "bundle", bundleBuy = 2, bundleGet = 1 }));
        var missing = await client.PutAsJsonAsync($"/api/campaigns/{Guid.NewGuid()}", Body("API missing", 500, new { type = "freeShipping" }));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("2 offers: 10% off, Buy 2 get 1 free", (await JsonAsync(replaced)).GetProperty("offer").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await using var db = store.App.OpenDatabase();
        Assert.Equal(2, (await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id)).Offers.Count);
    }

    [Fact]
    public async Task A_campaign_is_exempt_from_contact_rules_only_when_the_request_says_so()
    {
        var client = await store.App.SignedInClientAsync(Marketer);
        var body = new
        {
            name = "API receipts", channel = "email", startsAt = "2027-03-01T00:00:00Z", endsAt = "2027-03-15T00:00:00Z", budget = 100,
            offers = new[] { new { type = "freeShipping" } }, contactRulesExempt = true,
        };

        var exempt = (await JsonAsync(await client.PostAsJsonAsync("/api/campaigns", body))).GetProperty("id").GetGuid();
        var counted = (await JsonAsync(await client.PostAsJsonAsync("/api/campaigns", Body("API counted", 100, new { type = "freeShipping" })))).GetProperty("id").GetGuid();

        await using var db = store.App.OpenDatabase();
        Assert.True((await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == exempt)).ContactRulesExempt);
        Assert.False((await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == counted)).ContactRulesExempt);
    }
}
