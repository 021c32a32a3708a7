using System.Text.Json;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports;
using Campaigns.Imports.Csv;
using Campaigns.Imports.Files;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Imports;

/// <summary>
/// Runs a wizard import in the background on any instance: reads the upload stored in the database, reports progress
/// by rows (against a quick count of the file's records), has the rejected rows stored with each batch for download, and
/// stops between batches on cancel (the run records where). When the named import run exists already — a resume, or
/// the job delivered again after a restart — it continues that run from its position instead of starting over.
/// The upload is deleted once the run has succeeded.
/// </summary>
public sealed class BackgroundImport(ImportEngine engine, ImportFiles files, IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <param name="report">Records a stage and the percent done; throws when a cancel was asked for.</param>
    /// <returns>A one-line summary of the run.</returns>
    public async Task<string> RunAsync(ImportJobParameters parameters, string user, Func<string, double, Task> report, CancellationToken ct)
    {
        ImportRun? earlier;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            earlier = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == parameters.ImportRunId, ct);
        if (earlier?.Status == ImportStatus.Succeeded) return "This import had finished already.";
        if (await files.FindAsync(parameters.UploadId, ct) is null)
            throw new ImportException($"The upload of {parameters.FileName} is no longer stored; upload it again (rows already stored are skipped).");
        var source = files.Source(parameters.UploadId, parameters.FileName);

        await report("Counting rows", 0);
        var records = Math.Max(1, CountRecords(source, ct) - 1);
        var options = new ImportRunOptions
        {
            User = user, RunId = parameters.ImportRunId,
            // Stored with each batch, and continued by a resume: the file lists each row rejected up to the run's position once.
            StoredRejectedRowsName = Path.GetFileNameWithoutExtension(parameters.FileName.Replace(".gz", "")) + "-rejected.csv",
            // Import jobs run one at a time, and a job run by one attempt at a time (a takeover follows a stopped heartbeat,
            // and an attempt that finds itself taken over stops): a run still marked running was left by this job's earlier attempt.
            TakeOverRunning = true,
            Progress = s => report($"{s.Rows:N0} of about {records:N0} rows", 99.0 * s.Rows / records),
        };
        var summary = earlier is null
            ? await engine.RunAsync(source, JsonSerializer.Deserialize<ImportSettings>(parameters.SettingsJson, ImportEngine.Json)!, options, ct)
            : await engine.ResumeAsync(parameters.ImportRunId, source, options, ct);
        // Every batch is stored: the upload is not needed any more.
        await files.DeleteAsync(parameters.UploadId, CancellationToken.None);
        return (earlier is null ? "" : $"Resumed after row {earlier.LastCommittedRow:N0}: ") +
               $"{summary.Inserted:N0} inserted, {summary.Updated:N0} updated, {summary.Skipped:N0} unchanged (skipped), {summary.Rejected:N0} rejected of {summary.Rows:N0} rows" +
               (summary.CustomersRecomputed > 0 ? $"; behaviour of {summary.CustomersRecomputed:N0} customers recomputed." : ".");
    }

    /// <summary>The import run stops being "running": failed at its last committed batch, so it can be resumed from there.</summary>
    public async Task AbandonAsync(ImportJobParameters parameters, string reason, CancellationToken ct)
    {
        var runId = parameters.ImportRunId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.Status == ImportStatus.Running, ct) is not { } run) return;
        var error = $"{reason} Resume it to continue after row {run.LastCommittedRow:N0}.";
        await db.ImportRuns.Where(r => r.Id == runId && r.Status == ImportStatus.Running && r.LastCommittedRow == run.LastCommittedRow)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Failed).SetProperty(r => r.FinishedAt, DateTime.UtcNow)
                .SetProperty(r => r.Error, error), ct);
    }

    private static long CountRecords(ImportSource source, CancellationToken ct)
    {
        using var reader = CsvReader.Open(source.Open, source.Name);
        long count = 0;
        while (reader.Read() is not null)
            if (++count % 100_000 == 0) ct.ThrowIfCancellationRequested();
        return count;
    }
}
