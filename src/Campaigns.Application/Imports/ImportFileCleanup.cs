using Campaigns.Imports.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Imports;

/// <summary>
/// Hourly: removes import files nobody will read any more (abandoned uploads after a day; uploads kept for a resume and
/// rejected-rows files after Imports:KeepFilesDays). Deleting is idempotent, so two instances running it do no harm.
/// </summary>
public sealed class ImportFileCleanup(ImportFiles files, IOptions<ImportOptions> options, ILogger<ImportFileCleanup> log)
{
    public const string RecurringId = "import-files-cleanup";

    public async Task RunAsync(CancellationToken ct)
    {
        var removed = await files.CleanUpAsync(DateTime.UtcNow, TimeSpan.FromDays(options.Value.KeepFilesDays), ct);
        if (removed > 0) log.LogInformation("Removed {Count} stored import files", removed);
    }
}
