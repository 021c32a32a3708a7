using System.Net;
using System.Text.RegularExpressions;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Hosting;

/// <summary>Behind a TLS-terminating proxy on the same machine.</summary>
public class ProxyTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task The_sign_in_cookie_is_secure_when_the_proxy_says_the_request_came_over_https()
    {
        var client = fixture.App.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var form = await client.GetStringAsync("/account/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "admin@demo.local", ["password"] = AppFactory.Password, ["returnUrl"] = "", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var identityCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("secure", identityCookie, StringComparison.OrdinalIgnoreCase);
    }
}
