using Microsoft.AspNetCore.Diagnostics;

namespace Campaigns.Web.Hosting;

/// <summary>
/// Answers an exception in an <c>/api</c> endpoint as ProblemDetails, never the HTML error page: a request the server
/// refused (<see cref="BadHttpRequestException"/>: a body over its limit, unreadable) with its own status and message,
/// anything else as a 500 that says no more than that it is logged. Pages keep the error page.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!http.Request.Path.StartsWithSegments("/api") || http.Response.HasStarted) return false;
        var (status, title, detail) = exception is BadHttpRequestException bad
            ? (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", bad.Message)
            : (StatusCodes.Status500InternalServerError, "Unexpected error", $"The request failed on the server; the error is logged under trace id {http.TraceIdentifier}.");
        if (status >= 500) log.LogError(exception, "API request {Path} failed", http.Request.Path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, Exception = exception, ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
