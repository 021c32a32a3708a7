using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Campaigns.Web.Security;

/// <summary>
/// A circuit's authentication state, checked against the user's row every minute: an open page whose user was
/// disabled, changed role or signed out elsewhere re-renders as signed out, and the router sends it to sign-in.
/// </summary>
public sealed class RevalidatingUserStateProvider(ILoggerFactory loggers, UserSessions sessions) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        sessions.IsActiveAsync(state.User, ct);

    /// <summary>Ends the circuit's session now, without waiting for the next revalidation.</summary>
    public void SignOut() => SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
}
