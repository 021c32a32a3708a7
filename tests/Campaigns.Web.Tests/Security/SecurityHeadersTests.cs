using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Security;

public class SecurityHeadersTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/assets/app.css", false)]
    [InlineData("/health/live", false)]
    [InlineData("/", true)]
    [InlineData("/jobs", true)]
    [InlineData("/api/campaigns", true)]
    public async Task Every_response_forbids_framing_sniffing_and_foreign_scripts(string path, bool signedIn)
    {
        var client = signedIn ? await fixture.App.SignedInClientAsync("admin@demo.local") : fixture.App.AnonymousClient();
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }
}
