using System.Net;
using Campaigns.Application.Users;
using Campaigns.Data.Identity;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Account;

/// <summary>Users change their own password; an Admin's reset or invitation gives a one-time password that must be changed first.</summary>
public class PasswordTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    private const string NewPassword = "Chosen-password-2";
    private readonly AppFactory _app = fixture.App;

    [Fact]
    public async Task A_user_changes_their_password_with_the_current_one_stays_signed_in_and_the_change_is_audited()
    {
        var email = await _app.CreateUserAsync(Roles.Marketer);
        var client = await _app.SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/password")).StatusCode);

        var response = await ChangeAsync(client, AppFactory.Password, NewPassword);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/campaigns")).StatusCode);
        Assert.Contains("error", (await _app.PostSignInAsync(_app.AnonymousClient(), email, AppFactory.Password)).Headers.Location!.OriginalString);
        await _app.SignedInClientAsync(email, NewPassword);
        Assert.Equal(["user.password-change"], await AuditAsync(email, "user.password-"));
    }

    [Theory]
    [InlineData("Wrong-password-9", NewPassword, NewPassword, "Incorrect password.")]
    [InlineData(AppFactory.Password, "short1A", "short1A", "at least 10 characters")]
    [InlineData(AppFactory.Password, "nodigitsHere", "nodigitsHere", "at least one digit")]
    [InlineData(AppFactory.Password, NewPassword, "Chosen-password-3", "differ")]
    public async Task A_wrong_current_password_or_a_new_one_breaking_the_rules_is_refused_with_the_reason(string current, string @new, string confirm, string reason)
    {
        var email = await _app.CreateUserAsync(Roles.Marketer);
        var client = await _app.SignedInClientAsync(email);
        var response = await AppFactory.PostFormAsync(client, "/account/password", "/account/password",
            new() { ["currentPassword"] = current, ["newPassword"] = @new, ["confirmPassword"] = confirm });
        var location = Uri.UnescapeDataString(response.Headers.Location!.OriginalString);
        Assert.StartsWith("/account/password?error=", location);
        Assert.Contains(reason, location);
        await _app.SignedInClientAsync(email); // the password did not change
    }

    [Fact]
    public async Task An_Admin_reset_ends_the_users_sessions_and_its_one_time_password_must_be_changed_before_anything_else()
    {
        var email = await _app.CreateUserAsync(Roles.Manager);
        var before = await _app.SignedInClientAsync(email);
        string oneTime;
        await using (var scope = _app.Services.CreateAsyncScope())
            oneTime = (await scope.ServiceProvider.GetRequiredService<UserAdmin>().ResetPasswordAsync(await _app.IdOfAsync(email), "admin@demo.local")).Value!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/campaigns")).StatusCode);
        Assert.Contains("error", (await _app.PostSignInAsync(_app.AnonymousClient(), email, AppFactory.Password)).Headers.Location!.OriginalString);
        var client = await _app.SignedInClientAsync(email, oneTime);
        await AssertOnlyThePasswordPageOpensAsync(client);

        Assert.Equal("/", (await ChangeAsync(client, oneTime, NewPassword)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/experiments")).StatusCode);
        Assert.Equal(["user.password-change", "user.password-reset"], await AuditAsync(email, "user.password-"));
    }

    [Fact]
    public async Task An_invited_user_must_change_the_invitation_password_at_first_sign_in()
    {
        var email = $"invited-{Guid.NewGuid():N}@test.local";
        string invitation;
        await using (var scope = _app.Services.CreateAsyncScope())
            invitation = (await scope.ServiceProvider.GetRequiredService<UserAdmin>().InviteAsync(email, null, Roles.Marketer, "admin@demo.local")).Value!;
        var client = await _app.SignedInClientAsync(email, invitation);
        await AssertOnlyThePasswordPageOpensAsync(client);
        await ChangeAsync(client, invitation, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/campaigns")).StatusCode);
    }

    private static async Task AssertOnlyThePasswordPageOpensAsync(HttpClient client)
    {
        foreach (var page in new[] { "/", "/campaigns", "/experiments" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/password", response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/campaigns")).StatusCode);
        var html = await client.GetStringAsync("/account/password");
        Assert.Contains("data-testid=\"password-change-required\"", html);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string @new) =>
        AppFactory.PostFormAsync(client, "/account/password", "/account/password",
            new() { ["currentPassword"] = current, ["newPassword"] = @new, ["confirmPassword"] = @new });

    private async Task<string[]> AuditAsync(string email, string prefix)
    {
        var id = await _app.IdOfAsync(email);
        await using var db = _app.OpenDatabase();
        return db.AuditLog.Where(a => a.EntityId == id && a.Action.StartsWith(prefix)).OrderBy(a => a.Action).Select(a => a.Action).ToArray();
    }
}
