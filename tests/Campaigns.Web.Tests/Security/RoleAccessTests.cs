using System.Net;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Security;

public class RoleAccessTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    private const string Marketer = "marketer@demo.local", Manager = "manager@demo.local", Admin = "admin@demo.local";

    // Each page or endpoint, and who may open it.
    public static TheoryData<string, string[]> Matrix => new()
    {
        { "/", [Marketer, Manager, Admin] },
        { "/campaigns", [Marketer, Manager, Admin] },
        { "/campaigns/new", [Marketer, Manager, Admin] },
        { "/audiences", [Marketer, Manager, Admin] },
        { "/copy", [Marketer, Manager, Admin] },
        { "/customers", [Marketer, Manager, Admin] },
        { "/experiments", [Manager, Admin] },
        { "/models/signoffs", [Manager, Admin] },
        { "/admin/models", [Admin] },
        { "/admin/jobs", [Admin] },
        { "/admin/users", [Admin] },
        { "/admin/audit", [Admin] },
        { "/admin/api-keys", [Admin] },
        { "/jobs", [Admin] },
        { "/api/campaigns", [Marketer, Manager, Admin] },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_exactly_its_pages(string path, string[] allowed)
    {
        foreach (var user in new[] { Marketer, Manager, Admin })
        {
            var client = await fixture.App.SignedInClientAsync(user);
            var response = await client.GetAsync(path);
            if (allowed.Contains(user))
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} should open {path} but got {(int)response.StatusCode} {response.Headers.Location}");
            else
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("access-denied") == true,
                    $"{user} should be refused {path} but got {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Anonymous_requests_are_refused(string path, string[] _)
    {
        var response = await fixture.App.AnonymousClient().GetAsync(path);
        if (path.StartsWith("/api"))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task The_sign_in_page_and_assets_are_public()
    {
        var client = fixture.App.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/assets/app.css")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var client = fixture.App.AnonymousClient();
        var form = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Admin, ["password"] = "nope-nope-nope", ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("error=Wrong%20email%20or%20password", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_dashboard_shows_figures_from_the_database()
    {
        var client = await fixture.App.SignedInClientAsync(Manager);
        var html = await client.GetStringAsync("/");
        // 400 demo customers were seeded; the dashboard counts them.
        Assert.Contains(">400<", html.Replace(" ", ""));
    }
}
