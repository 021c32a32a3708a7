using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Tests.Copy;

/// <summary>"Suggest copy" over HTTP, for scripts and email tools.</summary>
public class CopyApiTests(CopySeededApp store) : IClassFixture<CopySeededApp>
{
    private const string Marketer = "marketer@demo.local";

    private async Task<Guid> DraftAsync(Channel channel) => (await store.App.DraftCampaignAsync(Marketer, channel)).Id;

    private static string Url(Guid id) => $"/api/campaigns/{id}/copy/suggestions";

    [Fact]
    public async Task A_marketer_gets_candidates_sorted_by_predicted_ctr_stored_as_shown_to_them()
    {
        var id = await DraftAsync(Channel.Push);
        var client = await store.App.SignedInClientAsync(Marketer);

        var response = await client.PostAsJsonAsync(Url(id), new { tone = "urgent", count = 5 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var candidates = json.GetProperty("candidates").EnumerateArray().ToList();
        Assert.InRange(candidates.Count, 2, 5);
        var ctrs = candidates.Select(c => c.GetProperty("predictedCtr").GetDouble()).ToList();
        Assert.Equal(ctrs.OrderDescending(), ctrs);
        Assert.All(candidates, c => Assert.InRange(c.GetProperty("predictedCtr").GetDouble(), c.GetProperty("low").GetDouble() - 1e-12, c.GetProperty("high").GetDouble() + 1e-12));
        Assert.True(json.GetProperty("elapsedMs").GetDouble() > 0);
        // Each candidate says which tone it reads as, by the current tone classifier.
        Assert.All(candidates, c => Assert.Contains(c.GetProperty("readsAs").GetString(), new[] { "urgent", "friendly", "premium", "playful" }));
        Assert.All(candidates, c => Assert.InRange(c.GetProperty("toneProbability").GetDouble(), 0.25, 1));
        await using var db = store.App.OpenDatabase();
        var stored = await db.CopySuggestions.AsNoTracking().Where(s => s.CampaignId == id).OrderBy(s => s.Rank).ToListAsync();
        Assert.Equal(candidates.Select(c => c.GetProperty("text").GetString()), stored.Select(s => s.Text));
        Assert.All(stored, s => Assert.Equal(Marketer, s.ShownTo));
    }

    [Fact]
    public async Task Bad_requests_say_what_is_wrong_with_each_field()
    {
        var push = await DraftAsync(Channel.Push);
        var client = await store.App.SignedInClientAsync(Marketer);

        var response = await client.PostAsJsonAsync(Url(push), new { tone = "shouty", body = true, count = 50 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("Unknown tone 'shouty'; use urgent, friendly, premium, playful.", errors.GetProperty("tone")[0].GetString());
        Assert.Equal("Ask for 1 to 20 candidates.", errors.GetProperty("count")[0].GetString());
        Assert.Equal("Only email campaigns have a body.", errors.GetProperty("body")[0].GetString());
        await using var db = store.App.OpenDatabase();
        Assert.False(await db.CopySuggestions.AnyAsync(s => s.CampaignId == push));
    }

    [Fact]
    public async Task A_body_that_cannot_be_read_is_a_400_naming_the_field_and_a_missing_tone_asks_for_one()
    {
        var push = await DraftAsync(Channel.Push);
        var client = await store.App.SignedInClientAsync(Marketer);
        async Task<JsonElement> ProblemAsync(HttpContent body)
        {
            var response = await client.PostAsync(Url(push), body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        var wrongType = await ProblemAsync(new StringContent("""{"tone":"urgent","count":"ten"}""", System.Text.Encoding.UTF8, "application/json"));
        var notJson = await ProblemAsync(new StringContent("not json", System.Text.Encoding.UTF8, "application/json"));
        var noTone = await ProblemAsync(JsonContent.Create(new { count = 5 }));

        Assert.Equal("The field 'count' has a value of the wrong type.", wrongType.GetProperty("detail").GetString());
        Assert.Equal("The request body is not valid JSON.", notJson.GetProperty("detail").GetString());
        Assert.Equal("Choose a tone: urgent, friendly, premium, playful.", noTone.GetProperty("errors").GetProperty("tone")[0].GetString());
        await using var db = store.App.OpenDatabase();
        Assert.False(await db.CopySuggestions.AnyAsync(s => s.CampaignId == push));
    }

    [Fact]
    public async Task An_unknown_campaign_is_404_one_past_review_is_409_and_only_marketing_roles_may_ask()
    {
        var client = await store.App.SignedInClientAsync(Marketer);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync(Url(Guid.NewGuid()), new { tone = "friendly" })).StatusCode);

        Guid approved;
        await using (var db = store.App.OpenDatabase())
            approved = await db.Campaigns.Where(c => c.Status == CampaignStatus.Approved).Select(c => c.Id).FirstAsync();
        var past = await client.PostAsJsonAsync(Url(approved), new { tone = "friendly" });
        Assert.Equal(HttpStatusCode.Conflict, past.StatusCode);
        Assert.Contains("its copy can no longer change", JsonDocument.Parse(await past.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await store.App.AnonymousClient().PostAsJsonAsync(Url(approved), new { tone = "friendly" })).StatusCode);
    }
}
