using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports;
using Campaigns.Imports.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Imports;

/// <summary>
/// Imports a body sent to the API while the caller waits, with the same engine as the CLI and the wizard, and resumes a
/// run that stopped. The body is stored as an upload first (like the wizard's), kept while the run can be resumed and
/// deleted once it succeeded.
/// </summary>
public sealed class ImportService(ImportEngine engine, ImportFiles files, IDbContextFactory<CampaignsDbContext> dbFactory, IOptions<ImportOptions> options,
    ILogger<ImportService> log)
{
    /// <summary>The field of the refusal to resume a run whose upload is no longer stored: the API answers it 410 (gone).</summary>
    public const string Upload = "upload";

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>Stores and imports the body; a body above <see cref="MaxUploadBytes"/> throws <see cref="UploadTooLargeException"/>.</summary>
    public async Task<Result<ImportOutcome>> ImportAsync(Stream body, ImportRequest request, string user, CancellationToken ct)
    {
        ImportFile upload;
        try { upload = await ImportUpload.StoreAsync(files, body, request.Kind.ToString().ToLowerInvariant(), request.JsonLines, request.Gzip, user, MaxUploadBytes, ct); }
        catch (ImportException ex) { return Result<ImportOutcome>.Invalid("file", ex.Message); }

        var source = files.Source(upload.Id, upload.FileName);
        try
        {
            var (_, suggested, reader) = ImportEngine.Preview(source, request.Kind);
            reader.Dispose();
            var settings = new ImportSettings { Kind = request.Kind, Mapping = suggested, Culture = request.Culture ?? "", RowIdPrefix = request.RowIdPrefix, Campaign = request.Campaign };
            if (request.Mapping is not null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                (settings.Mapping, var savedCulture) = await ImportMappings.LoadAsync(db, request.Mapping, request.Kind, ct);
                settings.Culture = request.Culture ?? savedCulture;
            }
            settings.Mapping = settings.Mapping.With(request.Kind, request.Map);
            var summary = await engine.RunAsync(source, settings, new ImportRunOptions { DryRun = request.DryRun, User = user }, ct);
            await files.DeleteAsync(upload.Id, CancellationToken.None);
            return ImportOutcome.Finished(summary);
        }
        catch (Exception ex)
        {
            // A run that stopped part-way keeps its upload for a resume; anything else has no use for it.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var stopped = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.UploadId == upload.Id, CancellationToken.None);
            if (stopped is null || stopped.Status == ImportStatus.Succeeded) await files.DeleteAsync(upload.Id, CancellationToken.None);
            if (stopped is null && ex is ImportException) return Result<ImportOutcome>.Invalid("file", ex.Message);
            if (stopped is null) throw;
            log.LogError(ex, "Import run {RunId} stopped", stopped.Id);
            return ImportOutcome.Stopped(stopped, ex.Message);
        }
    }

    /// <summary>Continues a failed, cancelled or abandoned run from its recorded position, reading the upload stored with it.</summary>
    public async Task<Result<ImportOutcome>> ResumeAsync(Guid runId, string user, CancellationToken ct)
    {
        ImportRun? run;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
        var refusal = run switch
        {
            null => Result<ImportOutcome>.NotFound($"There is no import run {runId}."),
            { Status: ImportStatus.Succeeded } => Result<ImportOutcome>.Refused($"Import run {runId} finished already; nothing is left to resume."),
            // A run whose heartbeat stopped was left by a process that died: the engine claims it like a failed one.
            { Status: ImportStatus.Running } when !(run.HeartbeatAt < DateTime.UtcNow - ImportEngine.StaleAfter) => Result<ImportOutcome>.Refused(ImportEngine.BusyMessage(run)),
            { UploadId: null } => Result<ImportOutcome>.Refused(
                $"Import run {runId} read a file on the server that ran the command line; resume it there with campaigns import ... --resume {runId}."),
            _ when await files.FindAsync(run.UploadId.Value, ct) is null => Result<ImportOutcome>.Invalid(Upload,
                $"The upload of import run {runId} is no longer stored; POST the file again to /api/imports/{run.Kind.ToString().ToLowerInvariant()} (rows already stored are skipped)."),
            _ => null,
        };
        if (refusal is not null) return refusal;
        try
        {
            var summary = await engine.ResumeAsync(runId, files.Source(run!.UploadId!.Value, run.FileName), new ImportRunOptions { User = user }, ct);
            await files.DeleteAsync(run.UploadId.Value, CancellationToken.None);
            return ImportOutcome.Finished(summary);
        }
        catch (ImportRunBusyException ex)
        {
            return Result<ImportOutcome>.Refused(ex.Message);
        }
        catch (Exception ex)
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var stopped = await db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId, CancellationToken.None);
            log.LogError(ex, "Import run {RunId} stopped again", runId);
            return ImportOutcome.Stopped(stopped, ex.Message);
        }
    }
}
