using System.Globalization;
using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Imports;
using Campaigns.Imports;
using Campaigns.Web.Features.Integration;
using Campaigns.Web.Features.Jobs;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Imports;

/// <summary>
/// Bulk imports over HTTP: <c>POST /api/imports/{kind}</c> with a CSV (or .csv.gz) or JSON-lines body, for an API key
/// with the <c>import</c> scope or a signed-in Admin. Runs the same engine as the CLI and the wizard while the
/// request waits; rejected rows come back as ProblemDetails listing each row, column and reason.
/// </summary>
public static class ImportEndpoints
{
    public const string ImportPolicy = "ApiImport";
    private const string CallerScheme = "ApiKeyOrCookie";

    public static void AddImports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ImportEngine>();
        builder.Services.AddScoped<ImportWizardService>();
        // One import at a time: two would upsert the same keys against each other.
        builder.AddJob<ImportJob>(ImportJob.Kind, "Import a file", exclusive: true);
        // One scheme per request (the key when one is sent, else the cookie), so a refusal is answered once.
        builder.Services.AddAuthentication().AddPolicyScheme(CallerScheme, "API key or sign-in", o => o.ForwardDefaultSelector = http =>
            http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        builder.Services.AddAuthorizationBuilder().AddPolicy(ImportPolicy, p => p
            .AddAuthenticationSchemes(CallerScheme)
            .RequireAssertion(c => c.User.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, "import") || c.User.IsInRole(Roles.Admin)));
    }

    public static void MapImportEndpoints(this WebApplication app)
    {
        app.MapGet("/imports/{runId:guid}/rejected.csv", async (Guid runId, IDbContextFactory<CampaignsDbContext> dbFactory, CancellationToken ct) =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var run = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.Kind == ImportJob.Kind, ct);
                var file = run is null ? null : System.Text.Json.JsonSerializer.Deserialize<ImportJob.Parameters>(run.ParametersJson, System.Text.Json.JsonSerializerOptions.Web)?.File;
                return file is null || !File.Exists(file.RejectedPath)
                    ? Results.Problem(statusCode: 404, title: "No rejected rows", detail: "This import has no rejected-rows file (it has not run, or the server that ran it is another one).")
                    : Results.File(file.RejectedPath, "text/csv", Path.GetFileNameWithoutExtension(file.FileName.Replace(".gz", "")) + "-rejected.csv");
            })
            .RequireAuthorization(Policies.Marketing)
            .ExcludeFromDescription();

        app.MapPost("/api/imports/{kind}", ImportAsync)
            .RequireAuthorization(ImportPolicy)
            .WithTags("Imports")
            .WithSummary("Imports customers, products, orders (one row per line) or a past campaign from CSV, .csv.gz or JSON lines; dryRun=true checks without writing.")
            .Accepts<string>("text/csv", "application/gzip", "application/x-ndjson")
            .Produces<ImportSummary>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(422);
    }

    private static async Task<IResult> ImportAsync(string kind, HttpContext http, ImportEngine engine, IDbContextFactory<CampaignsDbContext> dbFactory,
        IOptions<ImportOptions> limits, CancellationToken ct, bool dryRun = false, string? mapping = null, string? map = null, string? culture = null,
        string? rowId = null, string? name = null, string? control = null, DateTime? date = null, int? days = null, Channel? channel = null)
    {
        if (!Enum.TryParse<ImportKind>(kind, true, out var importKind) || !Enum.IsDefined(importKind))
            return Results.Problem(statusCode: 404, title: "Unknown import", detail: $"'{kind}' is not an import: use customers, products, orders or campaign.");
        var limit = limits.Value.MaxUploadBytes;
        if (http.Request.ContentLength > limit) return TooLarge(new UploadTooLargeException(limit));
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = limit;

        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var jsonLines = mediaType is "application/x-ndjson" or "application/jsonl" or "application/json-lines";
        var fileName = mediaType is "application/gzip" or "application/x-gzip" ? $"{importKind}.csv.gz".ToLowerInvariant() : $"{importKind}.csv".ToLowerInvariant();
        try
        {
            await using var upload = await ImportUpload.SaveAsync(http.Request.Body, fileName, jsonLines, limit, ct);
            var (_, suggested, reader) = ImportEngine.Preview(upload.Source, importKind);
            reader.Dispose();
            var settings = new ImportSettings { Kind = importKind, Mapping = suggested, Culture = culture ?? "", RowIdPrefix = rowId };
            if (mapping is not null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                (settings.Mapping, var savedCulture) = await ImportMappings.LoadAsync(db, mapping, importKind, ct);
                settings.Culture = culture ?? savedCulture;
            }
            settings.Mapping = settings.Mapping.With(importKind, (map ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (importKind == ImportKind.Campaign)
                settings.Campaign = new CampaignImportSettings
                {
                    Name = name ?? "", ControlArm = control ?? "", StartedAt = date is { } d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null,
                    Days = days ?? 14, Channel = channel ?? Channel.Email,
                };
            var summary = await engine.RunAsync(upload.Source, settings, new ImportRunOptions { DryRun = dryRun, User = http.User.Identity?.Name ?? "api" }, ct);
            if (summary.ProblemCount == 0) return Results.Ok(summary);
            return Results.Problem(statusCode: 422, title: dryRun ? "The dry run found problems" : "Some rows were rejected",
                detail: $"{summary.Rejected:N0} of {summary.Rows:N0} rows were rejected (see 'problems', by row and column)" +
                        (dryRun ? "; nothing was written." : $"; {summary.Inserted + summary.Updated + summary.Skipped:N0} were stored or already stored."),
                extensions: new Dictionary<string, object?>
                {
                    ["runId"] = summary.RunId, ["rows"] = summary.Rows, ["inserted"] = summary.Inserted, ["updated"] = summary.Updated,
                    ["skipped"] = summary.Skipped, ["rejected"] = summary.Rejected, ["problemCount"] = summary.ProblemCount,
                    ["problems"] = summary.Problems.Select(p => new { p.Row, p.Line, p.Column, p.Message }),
                });
        }
        catch (UploadTooLargeException ex) { return TooLarge(ex); }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge) { return TooLarge(new UploadTooLargeException(limit)); }
        catch (ImportException ex) { return Results.Problem(statusCode: 400, title: "The file cannot be imported", detail: ex.Message); }
    }

    private static IResult TooLarge(UploadTooLargeException ex) =>
        Results.Problem(statusCode: 413, title: "Upload too large", detail: ex.Message + " Split the file or compress it (.csv.gz).");
}
