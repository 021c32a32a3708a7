using System.Text.Json;
using System.Threading.RateLimiting;
using Campaigns.Application.Common;
using Campaigns.Application.Integration;
using Campaigns.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Integration;

/// <summary>The REST API a storefront or email sender calls, authenticated by API key, and the API keys' administration.</summary>
public static class IntegrationExtensions
{
    public const string AssignPolicy = "ApiAssign";
    public const string IngestPolicy = "ApiIngest";
    public const string IngestLimiter = "ApiIngestBatches";

    public static void AddIntegration(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AssignPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "assign"))
            .AddPolicy(IngestPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "ingest"));
        builder.Services.AddIntegration();
        builder.Services.AddOptions<IngestionLimits>().BindConfiguration(IngestionLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(o =>
        {
            // One partition for the instance, read from the options at its first batch.
            o.AddPolicy(IngestLimiter, http => RateLimitPartition.GetConcurrencyLimiter(IngestLimiter, _ =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<IngestionLimits>>().Value;
                return new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.ConcurrentBatches, QueueLimit = limits.QueuedBatches, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                };
            }));
            o.OnRejected = async (context, _) =>
            {
                var http = context.HttpContext;
                var limits = http.RequestServices.GetRequiredService<IOptions<IngestionLimits>>().Value;
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = limits.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status503ServiceUnavailable, Title = "Ingestion busy",
                        Detail = $"This server is already storing {limits.ConcurrentBatches} event batches with {limits.QueuedBatches} more waiting. " +
                                 $"Nothing of this batch was stored; send it again in {limits.RetryAfterSeconds} s.",
                    },
                });
            };
        });
        builder.Services.AddSingleton<ApiKeyUsage>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsage>());
    }

    public static void MapIntegrationEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Integration");

        api.MapPost("/assignments", async (HttpRequest http, AssignmentService assignments, CancellationToken ct) =>
            {
                // Read here rather than bound: a value of the wrong type is answered naming its field, not a bare 400.
                if (!http.HasJsonContentType())
                    return Results.Problem(statusCode: 415, title: "Unsupported content type", detail: "Send the body as JSON (Content-Type: application/json).");
                AssignmentRequest? request;
                try
                {
                    request = await http.ReadFromJsonAsync<AssignmentRequest>(ct);
                }
                catch (JsonException ex)
                {
                    var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
                    return Results.Problem(statusCode: 400, title: "Invalid field", detail: field switch
                    {
                        "campaignId" => "campaignId: not a GUID (the campaign's id).",
                        "customerId" => "customerId: not a string (the store's customer id).",
                        _ => $"The body is not a JSON object with campaignId and customerId: {ex.Message}",
                    });
                }
                var result = await assignments.AssignAsync(request ?? new AssignmentRequest(null, null), ct);
                // An ineligible customer is a well-formed request not to be served: 422, not the 400 of a field in error.
                if (result.Errors.Any(e => e.Field == AssignmentService.ContactRule))
                    return Results.Problem(statusCode: 422, title: "Capped by a contact rule", detail: result.Message);
                return result.Errors.Any(e => e.Field == AssignmentService.Eligibility)
                    ? Results.Problem(statusCode: 422, title: "Not eligible", detail: result.Message)
                    : result.ToResponse(Results.Ok, result.Failure switch
                    {
                        Failure.Invalid => "Invalid field",
                        Failure.NotFound => "Unknown campaign or customer",
                        _ => "Campaign not live",
                    });
            })
            .RequireAuthorization(AssignPolicy)
            .WithSummary("Assigns a customer to an arm of a live campaign (deterministic and sticky).")
            .Accepts<AssignmentRequest>("application/json")
            .Produces<AssignmentResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503);

        api.MapPost("/events", async (HttpRequest request, EventIngestion ingestion, CancellationToken ct) =>
            {
                // Parsed as one document (not bound to objects): a row of the wrong shape is reported by row, not fatal.
                JsonDocument document;
                try
                {
                    await using var body = RequestBody.Open(request, EventIngestion.MaxBodyBytes);
                    document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
                }
                catch (JsonException ex)
                {
                    return Results.Problem(statusCode: 400, title: "Malformed JSON", detail: $"The body is not valid JSON: {ex.Message}");
                }
                catch (BadHttpRequestException ex)
                {
                    return Results.Problem(statusCode: ex.StatusCode, title: ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Batch too large" : "Unreadable body",
                        detail: ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"{ex.Message} A batch holds at most {EventIngestion.MaxBatch:N0} events; split it." : ex.Message);
                }
                using var _ = document;
                if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                    return Results.Problem(statusCode: 400, title: "No events", detail: "Send {\"events\": [...]} with 1 to 10,000 events.");
                var rows = list.EnumerateArray().ToList();
                if (rows.Count > EventIngestion.MaxBatch)
                    return Results.Problem(statusCode: 413, title: "Batch too large", detail: $"A batch holds at most {EventIngestion.MaxBatch:N0} events; this one has {rows.Count:N0}. Split it.");
                var result = await ingestion.IngestAsync(rows, ct);
                if (result.Rejected.Count == 0) return Results.Ok(result);
                return Results.Problem(statusCode: 422, title: "Some events were rejected",
                    detail: $"{result.Rejected.Count:N0} of {result.Received:N0} events were rejected (see 'rejected', by row); {result.Accepted:N0} were stored and {result.Duplicates:N0} were already stored.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["received"] = result.Received, ["accepted"] = result.Accepted, ["duplicates"] = result.Duplicates,
                        ["duplicateRows"] = result.DuplicateRows, ["rejected"] = result.Rejected,
                    });
            })
            .Accepts<EventBatch>("application/json")
            .RequireAuthorization(IngestPolicy)
            .RequireRateLimiting(IngestLimiter)
            .WithSummary("Stores a batch of up to 10,000 exposure, click and conversion events (at most 16 MB, optionally Content-Encoding: gzip); idempotent on eventId.")
            .Produces<IngestionResult>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503);
    }
}
