using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Imports;
using Campaigns.Imports;
using Campaigns.Imports.Files;
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
/// request waits; rejected rows come back as ProblemDetails listing each row, column and reason. The body is stored as
/// an upload in the database first (like the wizard's), kept while the run can be resumed and deleted once it succeeded.
/// </summary>
public static class ImportEndpoints
{
    public const string ImportPolicy = "ApiImport";
    private const string CallerScheme = "ApiKeyOrCookie";

    public static void AddImports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ImportEngine>();
        builder.Services.AddScoped<ImportFiles>();
        builder.Services.AddScoped<ImportWizardService>();
        builder.Services.AddScoped<ImportFileCleanup>();
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
        app.MapGet("/imports/{runId:guid}/rejected.csv", RejectedRowsAsync)
            .RequireAuthorization(Policies.Marketing)
            .ExcludeFromDescription();

        app.MapPost("/api/imports/{kind}", ImportAsync)
            .RequireAuthorization(ImportPolicy)
            .WithTags("Imports")
            .WithSummary("Imports customers, products, orders (one row per line) or a past campaign from CSV or JSON lines, optionally gzipped; dryRun=true checks without writing.")
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
    private static async Task<IResult> RejectedRowsAsync(Guid runId, HttpContext http, ImportFiles files, IDbContextFactory<CampaignsDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobRun = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.Kind == ImportJob.Kind, ct);
        if (jobRun is not null && jobRun.TriggeredBy != http.User.Identity?.Name && !http.User.IsInRole(Roles.Admin))
            return Results.Problem(statusCode: 403, title: "Not your import", detail: "Only the user who ran an import, or an Admin, can download its rejected rows.");
        var importRunId = jobRun is null ? (Guid?)null : ImportJob.ParametersOf(jobRun).ImportRunId;
        var fileId = await db.ImportRuns.Where(r => r.Id == importRunId).Select(r => r.RejectedRowsFileId).FirstOrDefaultAsync(ct);
        var file = fileId is { } id ? await files.FindAsync(id, ct) : null;
        return file is null
            ? Results.Problem(statusCode: 404, title: "No rejected rows", detail: "This import has no rejected-rows file (it has not run, or the file was removed after the days it is kept).")
            : Results.Stream(files.Open(file.Id), "text/csv", file.FileName);
    }

    private static async Task<IResult> ImportAsync(string kind, HttpContext http, ImportEngine engine, ImportFiles files, IDbContextFactory<CampaignsDbContext> dbFactory,
        IOptions<ImportOptions> limits, ILogger<ImportEngine> log, CancellationToken ct, string? dryRun = null, string? mapping = null, string? map = null,
        string? culture = null, string? rowId = null, string? name = null, string? control = null, string? date = null, string? days = null, string? channel = null)
    {
        if (!Enum.TryParse<ImportKind>(kind, true, out var importKind) || !Enum.IsDefined(importKind))
            return Results.Problem(statusCode: 404, title: "Unknown import", detail: $"'{Excerpt.Of(kind)}' is not an import: use customers, products, orders or campaign.");
        var errors = new List<string>();
        var (isDryRun, startedAt, campaignDays, campaignChannel) = (QueryValues.Bool(nameof(dryRun), dryRun, errors) ?? false,
            QueryValues.Date(nameof(date), date, errors), QueryValues.Integer(nameof(days), days, errors), QueryValues.Enum<Channel>(nameof(channel), channel, errors));
        if (errors.Count > 0) return QueryValues.Problem(errors);
        var limit = limits.Value.MaxUploadBytes;
        if (http.Request.ContentLength > limit) return TooLarge(new UploadTooLargeException(limit));
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = limit;

        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        bool gzipEncoded;
        try { gzipEncoded = RequestBody.IsGzip(http.Request); }
        catch (BadHttpRequestException ex) { return Results.Problem(statusCode: ex.StatusCode, title: "Unsupported content encoding", detail: ex.Message); }
        var jsonLines = mediaType is "application/x-ndjson" or "application/jsonl" or "application/json-lines";
        var gzip = gzipEncoded || mediaType is "application/gzip" or "application/x-gzip";
        ImportFile upload;
        try
        {
            upload = await ImportUpload.StoreAsync(files, http.Request.Body, importKind.ToString().ToLowerInvariant(), jsonLines, gzip, Caller(http), limit, ct);
        }
        catch (UploadTooLargeException ex) { return TooLarge(ex); }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge) { return TooLarge(new UploadTooLargeException(limit)); }
        catch (ImportException ex) { return Results.Problem(statusCode: 400, title: "The file cannot be imported", detail: ex.Message); }

        var source = files.Source(upload.Id, upload.FileName);
        try
        {
            var (_, suggested, reader) = ImportEngine.Preview(source, importKind);
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
                    Name = name ?? "", ControlArm = control ?? "", StartedAt = startedAt, Days = campaignDays ?? 14, Channel = campaignChannel ?? Channel.Email,
                };
            var summary = await engine.RunAsync(source, settings, new ImportRunOptions { DryRun = isDryRun, User = Caller(http) }, ct);
            await files.DeleteAsync(upload.Id, CancellationToken.None);
            return Outcome(summary);
        }
        catch (Exception ex)
        {
            // A run that stopped part-way keeps its upload for a resume; anything else has no use for it.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var stopped = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.UploadId == upload.Id, CancellationToken.None);
            if (stopped is null || stopped.Status == ImportStatus.Succeeded) await files.DeleteAsync(upload.Id, CancellationToken.None);
            if (stopped is null && ex is ImportException) return Results.Problem(statusCode: 400, title: "The file cannot be imported", detail: ex.Message);
            if (stopped is null) throw;
            log.LogError(ex, "Import run {RunId} stopped", stopped.Id);
            return Stopped(stopped, ex.Message);
        }
    }

    /// <summary>Continues a failed, cancelled or abandoned run from its recorded position, reading the upload stored with it.</summary>
    private static async Task<IResult> ResumeAsync(Guid runId, HttpContext http, ImportEngine engine, ImportFiles files, IDbContextFactory<CampaignsDbContext> dbFactory,
        ILogger<ImportEngine> log, CancellationToken ct)
    {
        ImportRun? run;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
        var refusal = run switch
        {
            null => Results.Problem(statusCode: 404, title: "No such import run", detail: $"There is no import run {runId}."),
            { Status: ImportStatus.Succeeded } => Results.Problem(statusCode: 409, title: "The import finished",
                detail: $"Import run {runId} finished already; nothing is left to resume."),
            // A run whose heartbeat stopped was left by a process that died: the engine claims it like a failed one.
            { Status: ImportStatus.Running } when !(run.HeartbeatAt < DateTime.UtcNow - ImportEngine.StaleAfter) =>
                Results.Problem(statusCode: 409, title: "The import is running", detail: ImportEngine.BusyMessage(run)),
            { UploadId: null } => Results.Problem(statusCode: 409, title: "Not resumable here",
                detail: $"Import run {runId} read a file on the server that ran the command line; resume it there with campaigns import ... --resume {runId}."),
            _ when await files.FindAsync(run.UploadId.Value, ct) is null => Results.Problem(statusCode: 410, title: "The upload is gone",
                detail: $"The upload of import run {runId} is no longer stored; POST the file again to /api/imports/{run.Kind.ToString().ToLowerInvariant()} (rows already stored are skipped)."),
            _ => null,
        };
        if (refusal is not null) return refusal;
        try
        {
            var summary = await engine.ResumeAsync(runId, files.Source(run!.UploadId!.Value, run.FileName), new ImportRunOptions { User = Caller(http) }, ct);
            await files.DeleteAsync(run.UploadId.Value, CancellationToken.None);
            return Outcome(summary);
        }
        catch (ImportRunBusyException ex)
        {
            return Results.Problem(statusCode: 409, title: "The import is running", detail: ex.Message);
        }
        catch (Exception ex)
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var stopped = await db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId, CancellationToken.None);
            log.LogError(ex, "Import run {RunId} stopped again", runId);
            return Stopped(stopped, ex.Message);
        }
    }

    private static string Caller(HttpContext http) => http.User.Identity?.Name ?? "api";

    /// <summary>200 with the summary when every row was stored; 422 listing each rejected row's problems otherwise.</summary>
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
