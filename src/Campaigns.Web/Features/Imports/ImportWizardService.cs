using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Data.Identity;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Jobs;
using Campaigns.Imports;
using Campaigns.Imports.Mapping;
using Campaigns.Web.Features.Jobs;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Features.Imports;

/// <summary>A file uploaded to the wizard, kept until its import has run.</summary>
public sealed record StagedFile(Guid Id, string FileName, long Bytes)
{
    [JsonIgnore] public string Folder => Path.Combine(Path.GetTempPath(), "campaigns-imports", Id.ToString("N"));
    [JsonIgnore] public string DataPath => Path.Combine(Folder, FileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? "upload.csv.gz" : "upload.csv");
    [JsonIgnore] public string RejectedPath => Path.Combine(Folder, "rejected.csv");
    [JsonIgnore] public ImportSource Source => new(DataPath, () => File.OpenRead(DataPath));
}

/// <summary>The header, the first rows and the suggested mapping of an uploaded file.</summary>
public sealed record FilePreview(List<string> Header, List<List<string>> Rows, ColumnMapping Suggested, string Encoding, char Delimiter);

/// <summary>
/// The wizard's steps: stage an upload (size-limited), preview it, dry-run a mapping, and run the import as a
/// background job. Admins import anything; Marketers and Managers import past campaigns only.
/// </summary>
public sealed class ImportWizardService(ImportEngine engine, JobRunner jobs, IOptions<ImportOptions> options)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public static IReadOnlyList<ImportKind> KindsFor(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? Enum.GetValues<ImportKind>() : [ImportKind.Campaign];

    public async Task<StagedFile> StageAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        var name = Path.GetFileName(fileName);
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
            throw new ImportException($"'{name}' is not a .csv or .csv.gz file.");
        var staged = new StagedFile(Guid.CreateVersion7(), name, 0);
        Directory.CreateDirectory(staged.Folder);
        try
        {
            await using (var file = File.Create(staged.DataPath)) await ImportUpload.CopyLimitedAsync(content, file, MaxUploadBytes, ct);
            return staged with { Bytes = new FileInfo(staged.DataPath).Length };
        }
        catch
        {
            Directory.Delete(staged.Folder, recursive: true);
            throw;
        }
    }

    public static FilePreview Preview(StagedFile file, ImportKind kind, int rows = 5)
    {
        var (header, suggested, reader) = ImportEngine.Preview(file.Source, kind);
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
        return engine.RunAsync(file.Source, settings, new ImportRunOptions { DryRun = true, User = user.Identity?.Name ?? "wizard" }, ct);
    }

    public Task<JobRun> StartAsync(StagedFile file, ImportSettings settings, ClaimsPrincipal user, CancellationToken ct = default)
    {
        Authorize(user, settings.Kind);
        return jobs.EnqueueAsync(ImportJob.Kind, new ImportJob.Parameters { File = file, SettingsJson = JsonSerializer.Serialize(settings, ImportEngine.Json) },
            user.Identity?.Name ?? "wizard", ct);
    }

    private static void Authorize(ClaimsPrincipal user, ImportKind kind)
    {
        if (!KindsFor(user).Contains(kind)) throw new ImportException($"Only Admins import {kind.ToString().ToLowerInvariant()}; you can import past campaigns.");
    }
}
