using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Campaigns.Web.Security;

/// <summary>
/// Who acts: the one place a page or an endpoint reads the signed-in user's name for the audit log and the records it
/// writes. Every page and endpoint that acts requires a signed-in user, so there is no fallback name: an anonymous
/// caller reaching here is a bug and fails loudly rather than writing an invented name into the audit log.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider auth)
{
    /// <summary>In a page (a circuit or its prerendering): the signed-in user.</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync() => (await auth.GetAuthenticationStateAsync()).User;

    /// <summary>In a page: the signed-in user's name.</summary>
    public async Task<string> NameAsync() => NameOf(await PrincipalAsync());

    /// <summary>In an endpoint (minimal APIs bind the request's <see cref="ClaimsPrincipal"/>): the caller's name, an API key's included.</summary>
    public static string NameOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name
            : throw new InvalidOperationException("No signed-in user: every page and endpoint that acts requires one.");
}
