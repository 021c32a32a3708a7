using System.ComponentModel.DataAnnotations;

namespace Campaigns.Web.Features.Imports;

/// <summary>Limits of uploads to the import API and wizard.</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Largest file accepted, in megabytes (a gzipped file counts compressed).</summary>
    [Range(1, 100_000, ErrorMessage = "Imports:MaxUploadMegabytes must be between 1 and 100000.")]
    public int MaxUploadMegabytes { get; set; } = 200;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
