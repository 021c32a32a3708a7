using System.Text.Json;
using Campaigns.Imports;
using Campaigns.Imports.Csv;
using Campaigns.Web.Features.Jobs;

namespace Campaigns.Web.Features.Imports;

/// <summary>
/// Runs a wizard import in the background: progress by rows (against a quick count of the file's lines), rejected
/// rows written beside the upload for download, cancel between batches (the run records where it stopped).
/// </summary>
public sealed class ImportJob(ImportEngine engine) : IJob
{
    public const string Kind = "import";

    public sealed class Parameters
    {
        public StagedFile? File { get; set; }
        public string SettingsJson { get; set; } = "{}";
    }

    public async Task<string?> RunAsync(JobContext context, CancellationToken ct)
    {
        var parameters = context.Parameters<Parameters>();
        var file = parameters.File ?? throw new InvalidOperationException("The import run names no file.");
        if (!System.IO.File.Exists(file.DataPath)) throw new InvalidOperationException($"The uploaded file {file.FileName} is no longer on this server; upload it again.");
        var settings = JsonSerializer.Deserialize<ImportSettings>(parameters.SettingsJson, ImportEngine.Json)!;
        await context.ReportAsync("Counting rows", 0);
        var lines = Math.Max(1, CountRecords(file, ct) - 1);
        await using var rejected = new StreamWriter(file.RejectedPath);
        var summary = await engine.RunAsync(file.Source, settings, new ImportRunOptions
        {
            User = context.TriggeredBy, RejectedRows = rejected,
            Progress = s => context.ReportAsync($"{s.Rows:N0} of about {lines:N0} rows", 99.0 * s.Rows / lines),
        }, ct);
        // The rejected rows stay for download; the upload itself is not needed once every batch is stored.
        System.IO.File.Delete(file.DataPath);
        return $"{summary.Inserted:N0} inserted, {summary.Updated:N0} updated, {summary.Skipped:N0} unchanged (skipped), {summary.Rejected:N0} rejected of {summary.Rows:N0} rows" +
               (summary.CustomersRecomputed > 0 ? $"; behaviour of {summary.CustomersRecomputed:N0} customers recomputed." : ".");
    }

    private static long CountRecords(StagedFile file, CancellationToken ct)
    {
        using var reader = CsvReader.Open(file.Source.Open, file.DataPath);
        long count = 0;
        while (reader.Read() is not null)
            if (++count % 100_000 == 0) ct.ThrowIfCancellationRequested();
        return count;
    }
}
