using System.Net;
using Campaigns.Application.Users;
using Campaigns.Data.Identity;
using Campaigns.Web.Security;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Security;

/// <summary>A session ends everywhere, at once, when its user signs out, is disabled or changes role.</summary>
public class SessionTests(SeededApp fixture) : IClassFixture<SeededApp>
{
    private readonly AppFactory _app = fixture.App;

    [Fact]
    public async Task A_cookie_captured_before_sign_out_is_refused_right_after_it()
    {
        var email = await _app.CreateUserAsync(Roles.Marketer);
        var browser = _app.AnonymousClient();
        var captured = _app.ClientWithCookie((await _app.PostSignInAsync(browser, email, AppFactory.Password)).IdentityCookie());
        Assert.Equal(HttpStatusCode.OK, (await captured.GetAsync("/api/campaigns")).StatusCode);

        var signOut = await AppFactory.PostFormAsync(browser, "/", "/account/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.EndsWith("/account/login", signOut.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Unauthorized, (await captured.GetAsync("/api/campaigns")).StatusCode);
        var page = await captured.GetAsync("/campaigns");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_session_goes_on()
    {
        var client = await _app.SignedInClientAsync(await _app.CreateUserAsync(Roles.Marketer));
        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/campaigns")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_users_cookie_is_refused_at_the_next_request()
    {
        var email = await _app.CreateUserAsync(Roles.Marketer);
        var client = await _app.SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/campaigns")).StatusCode);
        await AsAdminAsync(async admin => await admin.SetDisabledAsync(await _app.IdOfAsync(email), true, "admin@demo.local"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/campaigns")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_the_session_so_the_new_role_applies_at_once()
    {
        var email = await _app.CreateUserAsync(Roles.Manager);
        var client = await _app.SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/experiments")).StatusCode);
        await AsAdminAsync(async admin => await admin.SetRoleAsync(await _app.IdOfAsync(email), Roles.Marketer, "admin@demo.local"));
        var page = await client.GetAsync("/experiments");
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Disabling_a_user_or_changing_their_role_changes_their_security_stamp()
    {
        var email = await _app.CreateUserAsync(Roles.Marketer);
        var id = await _app.IdOfAsync(email);
        var before = await StampAsync(id);
        await AsAdminAsync(admin => admin.SetRoleAsync(id, Roles.Manager, "admin@demo.local"));
        var afterRole = await StampAsync(id);
        await AsAdminAsync(admin => admin.SetDisabledAsync(id, true, "admin@demo.local"));
        Assert.NotEqual(before, afterRole);
        Assert.NotEqual(afterRole, await StampAsync(id));
    }

    [Fact]
    public async Task An_open_circuit_of_a_disabled_user_is_signed_out_and_runs_none_of_their_further_actions()
    {
        var email = await _app.CreateUserAsync(Roles.Marketer);
        await using var circuit = _app.Services.CreateAsyncScope();
        var auth = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        // The circuit revalidates its user on its own too, every minute at most.
        Assert.IsAssignableFrom<RevalidatingServerAuthenticationStateProvider>(auth);
        ((IHostEnvironmentAuthenticationStateProvider)auth).SetAuthenticationState(Task.FromResult(new AuthenticationState(await PrincipalAsync(email))));
        var gate = circuit.ServiceProvider.GetServices<CircuitHandler>().OfType<ActiveUserCircuitHandler>().Single();
        var actions = 0;
        var dispatch = gate.CreateInboundActivityHandler(_ => { actions++; return Task.CompletedTask; });

        await dispatch(null!);
        Assert.Equal(1, actions);

        await AsAdminAsync(async admin => await admin.SetDisabledAsync(await _app.IdOfAsync(email), true, "admin@demo.local"));
        await dispatch(null!);
        Assert.Equal(1, actions);
        Assert.False((await auth.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task A_session_is_active_only_while_its_user_exists_is_enabled_not_locked_and_keeps_its_stamp()
    {
        var email = await _app.CreateUserAsync(Roles.Marketer);
        var principal = await PrincipalAsync(email);
        var sessions = _app.Services.GetRequiredService<UserSessions>();
        Assert.True(await sessions.IsActiveAsync(principal));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.UtcNow.AddMinutes(5));
        }
        Assert.False(await sessions.IsActiveAsync(await PrincipalAsync(email)));
        Assert.False(await sessions.IsActiveAsync(new System.Security.Claims.ClaimsPrincipal()));
    }

    private async Task AsAdminAsync(Func<UserAdmin, Task> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserAdmin>());
    }

    private async Task<string?> StampAsync(string id)
    {
        await using var db = _app.OpenDatabase();
        return db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).Single();
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(email))!);
    }
}
