using System.Net;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Layout;

public class NotFoundPageTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task An_unknown_page_answers_404_with_a_page_that_says_not_found_and_links_to_the_dashboard()
    {
        var client = await fixture.App.SignedInClientAsync("marketer@demo.local");

        var response = await client.GetAsync("/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html);
        Assert.Contains("Back to the dashboard", html);
    }

    [Fact]
    public async Task An_unknown_api_path_answers_404_problem_details()
    {
        var client = await fixture.App.SignedInClientAsync("marketer@demo.local");

        var response = await client.GetAsync("/api/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_campaign_id_shows_a_friendly_message_on_the_campaign_page()
    {
        var client = await fixture.App.SignedInClientAsync("marketer@demo.local");

        var html = await client.GetStringAsync($"/campaigns/{Guid.NewGuid()}");

        Assert.Contains("This campaign does not exist", html);
    }
}
