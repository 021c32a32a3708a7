using System.Text.Json;
using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.Imports;
using Campaigns.Imports.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Imports;

/// <summary>
/// The wizard's steps: store an upload (size-limited), preview it, dry-run a mapping, run the import as a
/// background job, follow it, and resume a run that stopped. Admins import anything; Marketers and Managers import past campaigns only.
/// </summary>
public sealed class ImportWizardService(ImportEngine engine, ImportFiles files, IJobQueue jobs, IDbContextFactory<CampaignsDbContext> dbFactory, IOptions<ImportOptions> options)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public static IReadOnlyList<ImportKind> KindsFor(bool isAdmin) => isAdmin ? Enum.GetValues<ImportKind>() : [ImportKind.Campaign];

    public async Task<Result<StagedFile>> StageAsync(Stream content, string fileName, string user, CancellationToken ct = default)
    {
        var name = Path.GetFileName(fileName);
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
            return Result<StagedFile>.Invalid("file", $"'{name}' is not a .csv or .csv.gz file.");
        try
        {
            var stored = await files.SaveAsync(content, name, ImportFilePurpose.Upload, user, MaxUploadBytes, ct);
            return new StagedFile(stored.Id, stored.FileName, stored.Bytes);
        }
        catch (Exception ex) when (ex is UploadTooLargeException or ImportException) { return Result<StagedFile>.Invalid("file", ex.Message); }
    }

    public async Task<Result<FilePreview>> PreviewAsync(StagedFile file, ImportKind kind, int rows = 5, CancellationToken ct = default)
    {
        List<string> saved;
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) saved = await ImportMappings.NamesAsync(db, kind, ct);
        try
        {
            var (header, suggested, reader) = ImportEngine.Preview(files.Source(file.Id, file.FileName), kind);
            using (reader)
            {
                var first = new List<List<string>>();
                while (first.Count < rows && reader.Read() is { } record) first.Add(record.Fields);
                return new FilePreview(header, first, suggested, reader.EncodingName, reader.Delimiter, saved);
            }
        }
        catch (ImportException ex) { return Result<FilePreview>.Invalid("file", ex.Message); }
    }

    public async Task<Result<SavedMapping>> SavedMappingAsync(string name, ImportKind kind, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            var (mapping, culture) = await ImportMappings.LoadAsync(db, name, kind, ct);
            return new SavedMapping(mapping, culture);
        }
        catch (ImportException ex) { return Result<SavedMapping>.NotFound(ex.Message); }
    }

    public async Task<Result<ImportSummary>> DryRunAsync(StagedFile file, ImportSettings settings, string user, bool isAdmin, CancellationToken ct = default)
    {
        if (Refusal(isAdmin, settings.Kind) is { } refused) return Result<ImportSummary>.Refused(refused);
        try { return await engine.RunAsync(files.Source(file.Id, file.FileName), settings, new ImportRunOptions { DryRun = true, User = user }, ct); }
        catch (ImportException ex) { return Result<ImportSummary>.Invalid("file", ex.Message); }
    }

    /// <summary>Queues the import as a background job, first saving the mapping under <paramref name="saveMappingAs"/> when one is given.</summary>
    public async Task<Result<JobRun>> StartAsync(StagedFile file, ImportSettings settings, string? saveMappingAs, string user, bool isAdmin, CancellationToken ct = default)
    {
        if (Refusal(isAdmin, settings.Kind) is { } refused) return Result<JobRun>.Refused(refused);
        if (saveMappingAs?.Trim() is { Length: > 0 } name)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            try { await ImportMappings.SaveAsync(db, name, settings.Kind, settings.Mapping, settings.Culture, user, ct); }
            catch (ImportException ex) { return Result<JobRun>.Invalid("saveAs", ex.Message); }
        }
        var parameters = new ImportJobParameters
        {
            UploadId = file.Id, FileName = file.FileName, SettingsJson = JsonSerializer.Serialize(settings, ImportEngine.Json), ImportRunId = Guid.CreateVersion7(),
        };
        return await EnqueueAsync(parameters, user, ct);
    }

    /// <summary>The job run as it stands now, for the wizard to follow.</summary>
    public async Task<JobRun> JobRunAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.JobRuns.AsNoTracking().FirstAsync(r => r.Id == id, ct);
    }

    /// <summary>The import run a wizard job run records (null until the job has started it).</summary>
    public async Task<ImportRunState?> StateAsync(JobRun jobRun, CancellationToken ct = default)
    {
        var parameters = ImportJobParameters.Of(jobRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == parameters.ImportRunId, ct);
        if (run is null) return null;
        var whyNot = run.Status switch
        {
            ImportStatus.Succeeded => "it finished",
            ImportStatus.Running when !(run.HeartbeatAt < DateTime.UtcNow - ImportEngine.StaleAfter) => "it is still running",
            _ when !await db.ImportFiles.AnyAsync(f => f.Id == parameters.UploadId && f.CompletedAt != null, ct) =>
                $"the upload of {run.FileName} is no longer stored (uploads of stopped runs are kept {options.Value.KeepFilesDays} days); upload it again: rows already stored are skipped",
            _ => null,
        };
        return new ImportRunState(run, whyNot is null, whyNot);
    }

    /// <summary>Continues a failed or cancelled wizard import from its recorded position, as a new background job run.</summary>
    public async Task<Result<JobRun>> ResumeAsync(JobRun stopped, string user, bool isAdmin, CancellationToken ct = default)
    {
        if (await StateAsync(stopped, ct) is not { } state) return Result<JobRun>.Refused("This import never started, so there is nothing to resume; start it again.");
        if (Refusal(isAdmin, state.Run.Kind) is { } refused) return Result<JobRun>.Refused(refused);
        if (!state.CanResume) return Result<JobRun>.Refused($"This import cannot be resumed: {state.WhyNot}.");
        return await EnqueueAsync(ImportJobParameters.Of(stopped), user, ct);
    }

    /// <summary>A wizard run's rejected rows (stored in the database), for the user who ran it or an Admin; refused to anyone else.</summary>
    public async Task<Result<ImportFile>> RejectedRowsAsync(Guid jobRunId, string user, bool isAdmin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobRun = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == jobRunId && r.Kind == ImportJobParameters.JobKind, ct);
        if (jobRun is not null && jobRun.TriggeredBy != user && !isAdmin)
            return Result<ImportFile>.Refused("Only the user who ran an import, or an Admin, can download its rejected rows.");
        var importRunId = jobRun is null ? (Guid?)null : ImportJobParameters.Of(jobRun).ImportRunId;
        var fileId = await db.ImportRuns.Where(r => r.Id == importRunId).Select(r => r.RejectedRowsFileId).FirstOrDefaultAsync(ct);
        return (fileId is { } id ? await files.FindAsync(id, ct) : null) is { } file ? file
            : Result<ImportFile>.NotFound("This import has no rejected-rows file (it has not run, or the file was removed after the days it is kept).");
    }

    /// <summary>Queues the run; refused while another import runs (imports run one at a time).</summary>
    private async Task<Result<JobRun>> EnqueueAsync(ImportJobParameters parameters, string user, CancellationToken ct)
    {
        try { return await jobs.EnqueueAsync(ImportJobParameters.JobKind, parameters, user, ct); }
        catch (DomainException ex) { return Result<JobRun>.Refused(ex.Message); }
    }

    private static string? Refusal(bool isAdmin, ImportKind kind) =>
        KindsFor(isAdmin).Contains(kind) ? null : $"Only Admins import {kind.ToString().ToLowerInvariant()}; you can import past campaigns.";
}
