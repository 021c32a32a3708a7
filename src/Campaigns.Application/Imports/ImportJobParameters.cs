using System.Text.Json;
using Campaigns.Domain.Jobs;

namespace Campaigns.Application.Imports;

/// <summary>What a background import (a wizard's) is given: the stored upload, the settings, and the import run it starts or continues.</summary>
public sealed class ImportJobParameters
{
    /// <summary>The kind of job run that imports a file.</summary>
    public const string JobKind = "import";

    public Guid UploadId { get; set; }
    public string FileName { get; set; } = "";
    public string SettingsJson { get; set; } = "{}";
    /// <summary>The import run this job starts or continues.</summary>
    public Guid ImportRunId { get; set; }

    public static ImportJobParameters Of(JobRun run) => Of(run.ParametersJson);

    public static ImportJobParameters Of(string json) => JsonSerializer.Deserialize<ImportJobParameters>(json, JsonSerializerOptions.Web) ?? new ImportJobParameters();
}
