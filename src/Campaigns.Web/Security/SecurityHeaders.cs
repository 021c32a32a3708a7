namespace Campaigns.Web.Security;

public static class SecurityHeaders
{
    // Blazor Server and MudBlazor load only their own script files and need no eval. MudBlazor writes style attributes and
    // its theme as a <style> element, hence 'unsafe-inline' for styles (not scripts). The circuit's WebSocket is this
    // origin, which 'self' covers. Nothing, the Hangfire dashboard included, may be framed.
    private const string ContentPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>Headers every response carries, error pages included (set as the response starts, after any handler cleared it).</summary>
    public static void UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = ContentPolicy;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
