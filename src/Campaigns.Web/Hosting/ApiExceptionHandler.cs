using Campaigns.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Campaigns.Web.Hosting;

/// <summary>
/// Answers an exception in an <c>/api</c> endpoint as ProblemDetails, never the HTML error page: a request the server
/// refused (<see cref="BadHttpRequestException"/>: a body over its limit, unreadable) with its own status and message,
/// the database busy (<see cref="DatabaseErrors.IsBusy"/>: a lock not granted within <c>Database:BusyTimeoutSeconds</c>)
/// as a 503 with Retry-After, anything else as a 500 that says no more than that it is logged. Pages keep the error page.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    /// <summary>What a client is told to wait after a busy answer: long enough for a batch or a rollup chunk to commit.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // Outside development the middleware has pointed the request at the error page already; the feature keeps its path.
        var path = new PathString(http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value);
        if (!ApiPath.Matches(path) || http.Response.HasStarted) return false;
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad =>
                (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", Describe(bad)),
            _ when DatabaseErrors.IsBusy(exception) => (StatusCodes.Status503ServiceUnavailable, "Database busy",
                $"The database is busy with other writes; send the request again in {RetryAfterSeconds} seconds."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", $"The request failed on the server; the error is logged under trace id {http.TraceIdentifier}."),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            log.LogWarning("API request {Path} refused: the database is busy ({Reason})", path, exception.GetBaseException().Message);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= 500) log.LogError(exception, "API request {Path} failed", path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, Exception = exception, ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>What was wrong with the request, naming the JSON field whose value could not be read ("count").</summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        System.Text.Json.JsonException { Path: { Length: > 1 } path } => $"The field '{path.TrimStart('$', '.')}' has a value of the wrong type.",
        System.Text.Json.JsonException => "The request body is not valid JSON.",
        _ => bad.Message,
    };
}
