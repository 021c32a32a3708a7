namespace Campaigns.Web.Hosting;

/// <summary>
/// Which requests are API calls: they get status codes and ProblemDetails, never a redirect or an HTML page. One rule
/// for the error handler, the status-code pages and the sign-in redirects.
/// </summary>
public static class ApiPath
{
    public static bool Matches(PathString path) => path.StartsWithSegments("/api");
}
