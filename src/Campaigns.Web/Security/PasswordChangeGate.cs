using Campaigns.Web.Hosting;

namespace Campaigns.Web.Security;

/// <summary>
/// A user signed in with a password an Admin handed out (an invitation or a reset) may only change it or sign out:
/// every page leads to the change-password page and the API answers 403, until the change re-issues the cookie.
/// </summary>
public static class PasswordChangeGate
{
    /// <summary>Added to the sign-in cookie by <see cref="AppClaimsPrincipalFactory"/> while the user must change their password.</summary>
    public const string ClaimType = "campaigns:password-change-required";
    public const string PagePath = "/account/password";

    private static readonly PathString[] Open = [PagePath, "/account/logout", "/_framework", "/_content", "/assets", "/health"];

    public static void UsePasswordChangeGate(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (!http.User.HasClaim(c => c.Type == ClaimType) || Open.Any(p => http.Request.Path.StartsWithSegments(p))) return next(http);
        if (ApiPath.Matches(http.Request.Path)) http.Response.StatusCode = StatusCodes.Status403Forbidden;
        else http.Response.Redirect(http.Request.PathBase + PagePath);
        return Task.CompletedTask;
    });
}
