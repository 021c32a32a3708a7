using System.Security.Claims;
using System.Text.Json;
using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.Imports;
using Campaigns.Imports.Files;
using Campaigns.Imports.Mapping;
using Campaigns.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Imports;

/// <summary>A file uploaded to the wizard: stored in the database (<see cref="ImportFile"/>) until its import succeeds.</summary>
public sealed record StagedFile(Guid Id, string FileName, long Bytes);

/// <summary>The header, the first rows and the suggested mapping of an uploaded file.</summary>
public sealed record FilePreview(List<string> Header, List<List<string>> Rows, ColumnMapping Suggested, string Encoding, char Delimiter);

/// <summary>Where a stopped import run stands, and whether (or why not) it can be resumed.</summary>
public sealed record ImportRunState(ImportRun Run, bool CanResume, string? WhyNot);

/// <summary>
/// The wizard's steps: store an upload (size-limited), preview it, dry-run a mapping, run the import as a
/// background job, and resume a run that stopped. Admins import anything; Marketers and Managers import past campaigns only.
/// </summary>
public sealed class ImportWizardService(ImportEngine engine, ImportFiles files, JobRunner jobs, IDbContextFactory<CampaignsDbContext> dbFactory, IOptions<ImportOptions> options)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public static IReadOnlyList<ImportKind> KindsFor(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? Enum.GetValues<ImportKind>() : [ImportKind.Campaign];

    public async Task<StagedFile> StageAsync(Stream content, string fileName, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var name = Path.GetFileName(fileName);
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
            throw new ImportException($"'{name}' is not a .csv or .csv.gz file.");
        var stored = await files.SaveAsync(content, name, ImportFilePurpose.Upload, UserName(user), MaxUploadBytes, ct);
        return new StagedFile(stored.Id, stored.FileName, stored.Bytes);
    }

    public FilePreview Preview(StagedFile file, ImportKind kind, int rows = 5)
    {
        var (header, suggested, reader) = ImportEngine.Preview(files.Source(file.Id, file.FileName), kind);
        using (reader)
        {
            var first = new List<List<string>>();
            while (first.Count < rows && reader.Read() is { } record) first.Add(record.Fields);
            return new FilePreview(header, first, suggested, reader.EncodingName, reader.Delimiter);
        }
    }

    public Task<ImportSummary> DryRunAsync(StagedFile file, ImportSettings settings, ClaimsPrincipal user, CancellationToken ct = default)
    {
        Authorize(user, settings.Kind);
        return engine.RunAsync(files.Source(file.Id, file.FileName), settings, new ImportRunOptions { DryRun = true, User = UserName(user) }, ct);
    }

    public Task<JobRun> StartAsync(StagedFile file, ImportSettings settings, ClaimsPrincipal user, CancellationToken ct = default)
    {
        Authorize(user, settings.Kind);
        var parameters = new ImportJob.Parameters
        {
            UploadId = file.Id, FileName = file.FileName, SettingsJson = JsonSerializer.Serialize(settings, ImportEngine.Json), ImportRunId = Guid.CreateVersion7(),
        };
        return jobs.EnqueueAsync(ImportJob.Kind, parameters, UserName(user), ct);
    }

    /// <summary>The import run a wizard job run records (null until the job has started it).</summary>
    public async Task<ImportRunState?> StateAsync(JobRun jobRun, CancellationToken ct = default)
    {
        var parameters = ImportJob.ParametersOf(jobRun);
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
    public async Task<JobRun> ResumeAsync(JobRun stopped, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var state = await StateAsync(stopped, ct) ?? throw new ImportException("This import never started, so there is nothing to resume; start it again.");
        Authorize(user, state.Run.Kind);
        if (!state.CanResume) throw new ImportException($"This import cannot be resumed: {state.WhyNot}.");
        return await jobs.EnqueueAsync(ImportJob.Kind, ImportJob.ParametersOf(stopped), UserName(user), ct);
    }

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "wizard";

    private static void Authorize(ClaimsPrincipal user, ImportKind kind)
    {
        if (!KindsFor(user).Contains(kind)) throw new ImportException($"Only Admins import {kind.ToString().ToLowerInvariant()}; you can import past campaigns.");
    }
}
