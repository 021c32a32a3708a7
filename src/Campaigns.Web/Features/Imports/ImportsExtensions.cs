using System.Security.Claims;
using Campaigns.Application.Common;
using Campaigns.Application.Imports;
using Campaigns.Data.Identity;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Imports;
using Campaigns.Imports;
using Campaigns.Imports.Files;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Hosting;
using Campaigns.Web.Security;
using Hangfire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;

namespace Campaigns.Web.Features.Imports;

/// <summary>
/// Bulk imports over HTTP: <c>POST /api/imports/{kind}</c> with a CSV (or .csv.gz) or JSON-lines body, for an API key
/// with the <c>import</c> scope or a signed-in Admin, answered while the request waits; rejected rows come back as
/// ProblemDetails listing each row, column and reason. Also the wizard's page, its background job and its rejected-rows download.
/// </summary>
public static class ImportsExtensions
{
    public const string ImportPolicy = "ApiImport";
    private const string CallerScheme = "ApiKeyOrCookie";

    public static void AddImports(this WebApplicationBuilder builder)
    {
        builder.Services.AddImports();
        // One import at a time: two would upsert the same keys against each other.
        builder.AddJob<ImportJob>(ImportJob.Kind, "Import a file", exclusive: true,
            "The import stops after the batch it is writing. Rows already committed stay imported; the run can be resumed later from where it stopped.");
        // Uploads and rejected-rows files live in the database: abandoned ones are removed after their time.
        builder.AddRecurringJobs((_, recurring, _) =>
        {
            recurring.AddOrUpdate<ImportFileCleanup>(ImportFileCleanup.RecurringId, x => x.RunAsync(CancellationToken.None), Cron.Hourly(),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return Task.CompletedTask;
        });
        // One scheme per request (the key when one is sent, else the cookie), so a refusal is answered once.
        builder.Services.AddAuthentication().AddPolicyScheme(CallerScheme, "API key or sign-in", o => o.ForwardDefaultSelector = http =>
            http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        builder.Services.AddAuthorizationBuilder().AddPolicy(ImportPolicy, p => p
            .AddAuthenticationSchemes(CallerScheme)
            .RequireAssertion(c => c.User.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, "import") || c.User.IsInRole(Roles.Admin)));
    }

    public static void MapImportEndpoints(this WebApplication app)
    {
        app.MapGet("/imports/{runId:guid}/rejected.csv", RejectedRowsAsync)
            .RequireAuthorization(Policies.Marketing)
            .ExcludeFromDescription();

        app.MapPost("/api/imports/{kind}", ImportAsync)
            .RequireAuthorization(ImportPolicy)
            .WithTags("Imports")
            .WithSummary("Imports customers, products, orders (one row per line), a past campaign or past copy from CSV or JSON lines, optionally gzipped; dryRun=true checks without writing.")
            .Accepts<string>("text/csv", "application/gzip", "application/x-ndjson")
            .Produces<ImportSummary>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(500);

        app.MapPost("/api/imports/runs/{runId:guid}/resume", ResumeAsync)
            .RequireAuthorization(ImportPolicy)
            .WithTags("Imports")
            .WithSummary("Continues a failed or cancelled import run (or one whose process stopped) after its last stored batch, with the upload and settings it started with.")
            .Produces<ImportSummary>()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(410).ProducesProblem(422).ProducesProblem(500);
    }

    /// <summary>A wizard run's rejected rows (stored in the database), for the user who ran it or an Admin.</summary>
    private static async Task<IResult> RejectedRowsAsync(Guid runId, ClaimsPrincipal user, ImportWizardService wizard, ImportFiles files, CancellationToken ct)
    {
        var result = await wizard.RejectedRowsAsync(runId, CurrentUser.NameOf(user), user.IsInRole(Roles.Admin), ct);
        // Someone else's import is a 403, not the 409 of a refusal.
        return result.Failure == Failure.Refused ? Results.Problem(statusCode: 403, title: "Not your import", detail: result.Message)
            : result.ToResponse(file => Results.Stream(files.Open(file.Id), "text/csv", file.FileName), title: "No rejected rows");
    }

    private static async Task<IResult> ImportAsync(string kind, HttpContext http, ClaimsPrincipal user, ImportService imports, CancellationToken ct, string? dryRun = null,
        string? mapping = null, string? map = null, string? culture = null, string? rowId = null, string? name = null, string? control = null, string? date = null,
        string? days = null, string? channel = null)
    {
        if (!Enum.TryParse<ImportKind>(kind, true, out var importKind) || !Enum.IsDefined(importKind))
            return Results.Problem(statusCode: 404, title: "Unknown import", detail: $"'{Excerpt.Of(kind)}' is not an import: use customers, products, orders, campaign or copy.");
        var errors = new List<string>();
        var (isDryRun, startedAt, campaignDays, campaignChannel) = (QueryValues.Bool(nameof(dryRun), dryRun, errors) ?? false,
            QueryValues.Date(nameof(date), date, errors), QueryValues.Integer(nameof(days), days, errors), QueryValues.Enum<Channel>(nameof(channel), channel, errors));
        if (errors.Count > 0) return QueryValues.Problem(errors);
        var limit = imports.MaxUploadBytes;
        if (http.Request.ContentLength > limit) return TooLarge(new UploadTooLargeException(limit));
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = limit;

        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        bool gzipEncoded;
        try { gzipEncoded = RequestBody.IsGzip(http.Request); }
        catch (BadHttpRequestException ex) { return Results.Problem(statusCode: ex.StatusCode, title: "Unsupported content encoding", detail: ex.Message); }
        var request = new ImportRequest(importKind, JsonLines: mediaType is "application/x-ndjson" or "application/jsonl" or "application/json-lines",
            Gzip: gzipEncoded || mediaType is "application/gzip" or "application/x-gzip", isDryRun, mapping,
            (map ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), culture, rowId,
            importKind == ImportKind.Campaign
                ? new CampaignImportSettings { Name = name ?? "", ControlArm = control ?? "", StartedAt = startedAt, Days = campaignDays ?? 14, Channel = campaignChannel ?? Channel.Email }
                : null);
        try
        {
            return Respond(await imports.ImportAsync(http.Request.Body, request, CurrentUser.NameOf(user), ct));
        }
        catch (UploadTooLargeException ex) { return TooLarge(ex); }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge) { return TooLarge(new UploadTooLargeException(limit)); }
    }

    private static async Task<IResult> ResumeAsync(Guid runId, ClaimsPrincipal user, ImportService imports, CancellationToken ct) =>
        Respond(await imports.ResumeAsync(runId, CurrentUser.NameOf(user), ct));

    /// <summary>
    /// 200 with the summary when every row was stored; 422 listing each rejected row's problems; 500 saying where a run
    /// stopped and how to continue; 400 for a file that cannot be imported, 404, 409, and 410 for a run whose upload is gone.
    /// </summary>
    private static IResult Respond(Result<ImportOutcome> result)
    {
        if (result.Errors.Any(e => e.Field == ImportService.Upload)) return Results.Problem(statusCode: 410, title: "The upload is gone", detail: result.Message);
        return result.ToResponse(outcome => outcome.Summary is { } summary ? Outcome(summary) : Stopped(outcome.StoppedRun!, outcome.StopReason!), result.Failure switch
        {
            Failure.Invalid => "The file cannot be imported",
            Failure.NotFound => "No such import run",
            _ => "The import cannot be resumed",
        });
    }

    private static IResult Outcome(ImportSummary summary)
    {
        if (summary.ProblemCount == 0) return Results.Ok(summary);
        return Results.Problem(statusCode: 422, title: summary.DryRun ? "The dry run found problems" : "Some rows were rejected",
            detail: $"{summary.Rejected:N0} of {summary.Rows:N0} rows were rejected (see 'problems', by row and column)" +
                    (summary.DryRun ? "; nothing was written." : $"; {summary.Inserted + summary.Updated + summary.Skipped:N0} were stored or already stored."),
            extensions: new Dictionary<string, object?>
            {
                ["runId"] = summary.RunId, ["rows"] = summary.Rows, ["inserted"] = summary.Inserted, ["updated"] = summary.Updated,
                ["skipped"] = summary.Skipped, ["rejected"] = summary.Rejected, ["problemCount"] = summary.ProblemCount,
                ["problems"] = summary.Problems.Select(p => new { p.Row, p.Line, p.Column, p.Message }),
            });
    }

    /// <summary>A run that stopped part-way: what is stored, and how to continue.</summary>
    private static IResult Stopped(ImportRun run, string error) =>
        Results.Problem(statusCode: 500, title: "The import stopped",
            detail: $"The import stopped after data row {run.LastCommittedRow:N0} ({error}). Every row up to there is stored; " +
                    $"POST /api/imports/runs/{run.Id}/resume continues after it with the same upload and settings.",
            extensions: new Dictionary<string, object?>
            {
                ["runId"] = run.Id, ["lastCommittedRow"] = run.LastCommittedRow, ["inserted"] = run.Inserted, ["updated"] = run.Updated,
                ["skipped"] = run.Skipped, ["rejected"] = run.Rejected,
            });

    private static IResult TooLarge(UploadTooLargeException ex) =>
        Results.Problem(statusCode: 413, title: "Upload too large", detail: ex.Message + " Split the file or compress it (.csv.gz).");
}
