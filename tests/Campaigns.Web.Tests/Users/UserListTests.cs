using System.Net;
using Bunit;
using Campaigns.Data.Identity;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Users;

/// <summary>The Users page rendered by bUnit over the real app's services.</summary>
public class UserListTests : ComponentTest, IClassFixture<SeededApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly SeededApp _store;

    public UserListTests(SeededApp store)
    {
        _store = store;
        UseAppServices(store.App.Services);
    }

    [Fact]
    public async Task An_Admin_resets_a_password_after_confirming_and_sees_the_one_time_password_once()
    {
        var email = await _store.App.CreateUserAsync(Roles.Marketer);
        SignInAs(Roles.Admin);
        var page = Render<UsersHost>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tr"), r => r.TextContent.Contains(email)), Wait);

        page.FindAll("tr").Single(r => r.TextContent.Contains(email)).QuerySelector("[data-testid=reset]")!.Click();
        page.WaitForAssertion(() => Assert.Contains(email, page.Find(".mud-dialog").TextContent), Wait);
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Reset").Click();

        page.WaitForAssertion(() => Assert.Contains(email, page.Find("[data-testid=reset-password]").TextContent), Wait);
        var oneTime = page.Find("[data-testid=reset-password] b").TextContent.Trim();
        var client = await _store.App.SignedInClientAsync(email, oneTime);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/password", home.Headers.Location!.OriginalString);
    }
}
