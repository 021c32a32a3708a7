using System.ComponentModel.DataAnnotations;

namespace Campaigns.Application.Imports;

/// <summary>Limits of uploads to the import API and wizard, and how long stored import files are kept.</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Largest file accepted, in megabytes; a gzipped file must be within it both as sent and decompressed.</summary>
    [Range(1, 100_000, ErrorMessage = "Imports:MaxUploadMegabytes must be between 1 and 100000.")]
    public int MaxUploadMegabytes { get; set; } = 200;

    /// <summary>
    /// Days the upload of a failed or cancelled run (for a resume) and a run's rejected-rows file are kept. Uploads no
    /// run reads are removed after a day; the upload of a run that succeeded at once.
    /// </summary>
    [Range(1, 365, ErrorMessage = "Imports:KeepFilesDays must be between 1 and 365.")]
    public int KeepFilesDays { get; set; } = 7;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
