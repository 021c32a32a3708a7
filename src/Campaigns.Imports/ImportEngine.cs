using System.Diagnostics;
using System.Text.Json;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports.Csv;
using Campaigns.Imports.Importers;
using Campaigns.Imports.Mapping;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports;

/// <summary>
/// Streams a CSV file through an importer of its kind: each row is parsed and checked on its own (a bad row is
/// rejected with the row, the column and the reason; the others go on), valid rows are stored a batch at a time,
/// each batch in one transaction with the run's position, and behaviour aggregates are then recomputed for the
/// customers the import touched. A dry run does every check, including those that need the database, and writes nothing.
/// </summary>
public sealed class ImportEngine(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>How often a running import writes its heartbeat.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>A run "running" without a heartbeat for this long was left by a process that stopped: it can be resumed.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Characters of rows held in memory between batches at most (about 64 MB): a batch of long rows is stored early,
    /// so memory stays flat whatever the file.
    /// </summary>
    public const long MaxHeldChars = 32L * 1024 * 1024;

    public Task<ImportSummary> RunAsync(ImportSource source, ImportSettings settings, ImportRunOptions options, CancellationToken ct = default) =>
        RunAsync(source, settings, options, null, ct);

    /// <summary>
    /// Continues a failed or cancelled run — or one left "running" by a process that stopped (no heartbeat for
    /// <see cref="StaleAfter"/>) — from the row after the last committed batch, with the settings it started with. The
    /// run is claimed first (in one statement), so two resumes never run together.
    /// </summary>
    public async Task<ImportSummary> ResumeAsync(Guid runId, ImportSource source, ImportRunOptions options, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct) ?? throw new ImportException($"No import run {runId}.");
        if (run.Status is ImportStatus.Succeeded) throw new ImportException($"Import run {runId} finished already; nothing to resume.");
        var (now, staleBefore) = (DateTime.UtcNow, DateTime.UtcNow - StaleAfter);
        var claimed = await db.ImportRuns
            .Where(r => r.Id == runId && (r.Status == ImportStatus.Failed || r.Status == ImportStatus.Cancelled
                || (r.Status == ImportStatus.Running && (options.TakeOverRunning || r.HeartbeatAt < staleBefore))))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Running).SetProperty(r => r.Error, (string?)null)
                .SetProperty(r => r.FinishedAt, (DateTime?)null).SetProperty(r => r.HeartbeatAt, now), ct);
        if (claimed == 0) throw new ImportRunBusyException(BusyMessage(run));
        var settings = JsonSerializer.Deserialize<ImportSettings>(run.SettingsJson, Json)!;
        return await RunAsync(source, settings, options, run, ct);
    }

    /// <summary>Why a running run cannot be resumed now, and when it can be if its process stopped.</summary>
    public static string BusyMessage(ImportRun run) => run.HeartbeatAt is { } beat
        ? $"Import run {run.Id} is running (last heartbeat {beat:yyyy-MM-dd HH:mm:ss} UTC). If the process running it stopped, it can be resumed from {beat + StaleAfter:HH:mm:ss} UTC."
        : $"Import run {run.Id} is running already; wait for it to stop before resuming it.";

    /// <summary>The header and the mapping suggested for it, for a preview.</summary>
    public static (List<string> Header, ColumnMapping Suggested, CsvReader Reader) Preview(ImportSource source, ImportKind kind)
    {
        var csv = CsvReader.Open(source.Open, source.Name);
        var first = csv.Read();
        var header = first?.Fields;
        if (first?.Problem is not null || header is null || header.All(h => h.Trim().Length == 0))
        {
            csv.Dispose();
            throw new ImportException(first?.Problem is { } problem
                ? $"The header (line 1) cannot be read: {problem}"
                : $"'{Excerpt.Of(Path.GetFileName(source.Name))}' is empty: it has no header row.");
        }
        return (header, ColumnMapping.Suggest(kind, header), csv);
    }

    private async Task<ImportSummary> RunAsync(ImportSource source, ImportSettings settings, ImportRunOptions options, ImportRun? resumed, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // A resumed run is claimed already: whatever fails from here on leaves it failed (resumable), never "running".
        var run = resumed;
        using var stopBeating = new CancellationTokenSource();
        var heartbeat = Task.CompletedTask;
        try
        {
            var culture = settings.ReadCulture();
            var (header, _, csv) = Preview(source, settings.Kind);
            using var reader = csv;
            var columns = settings.Mapping.Resolve(settings.Kind, header, csv.Delimiter, settings.RowIdPrefix is null ? [] : ["external_id", "customer_id"]);
            var summary = new ImportSummary
            {
                DryRun = options.DryRun, Encoding = csv.EncodingName, Delimiter = csv.Delimiter,
                Mapping = columns.ToDictionary(c => c.Key, c => header[c.Value]),
            };
            options.RejectedRows?.WriteLine(CsvText.Line(new[] { "row", "problems" }.Concat(header)));

            var context = new ImportContext(db, dbFactory, settings, header, columns, !options.DryRun, options.User);
            IImporter importer = settings.Kind switch
            {
                ImportKind.Customers => new CustomerImporter(context),
                ImportKind.Products => new ProductImporter(context),
                ImportKind.Orders => new OrderImporter(context),
                ImportKind.Campaign => new CampaignImporter(context),
                ImportKind.Copy => new CopyImporter(context),
                _ => throw new ImportException($"Unknown import kind {settings.Kind}."),
            };
            run ??= options.DryRun ? null : await StartRunAsync(db, source, settings, options, ct);
            if (run is not null) heartbeat = HeartbeatAsync(run.Id, stopBeating.Token);
            var rejectedFile = run is null ? null : await RejectedRowsFileAsync(db, run, options, header, ct);
            var rejected = new RejectedRows(options.RejectedRows, rejectedFile);
            var resumeAfter = resumed?.LastCommittedRow ?? 0;
            if (resumed is not null)
                (summary.Inserted, summary.Updated, summary.Skipped, summary.Rejected, summary.LastCommittedRow) =
                    (resumed.Inserted, resumed.Updated, resumed.Skipped, resumed.Rejected, resumed.LastCommittedRow);
            summary.RunId = run?.Id;

            long row = 0, heldChars = 0;
            while (csv.Read() is { } record)
            {
                if (record.Fields.Count == 1 && record.Fields[0].Trim().Length == 0) continue;
                row++;
                var parsed = new ImportRow(row, record.Line, record.Fields, header, columns, culture);
                var replay = row <= resumeAfter;
                if (record.Problem is { } problem) parsed.Problem(null, problem);
                else if (record.Fields.Count != header.Count)
                    parsed.Problem(null, $"the row has {record.Fields.Count} fields; the header has {header.Count}" +
                        (record.Fields.Count == 1 && record.Fields[0].Contains(csv.Delimiter == ',' ? ';' : ',') ? " (is it written with another delimiter?)." : "."));
                else if (importer.Accept(parsed, keep: !replay) && !replay) heldChars += record.Fields.Sum(f => (long)f.Length);
                if (replay) continue;
                summary.Rows = row;
                if (parsed.Problems.Count > 0) Reject(summary, rejected, parsed, parsed.Problems);
                // A full batch, or rows long enough to fill the memory bound before it is full.
                var full = heldChars + rejected.Chars > MaxHeldChars;
                if (importer.Flushable(full ? 0 : settings.BatchSize, end: false) is var count && (count > 0 || full))
                {
                    await FlushAsync(db, importer, count, run, summary, rejected, options, row, ct);
                    heldChars = 0;
                }
            }
            summary.Rows = row;
            await FlushAsync(db, importer, importer.Flushable(settings.BatchSize, end: true), run, summary, rejected, options, row, ct);
            if (summary.Rows == 0 && resumeAfter == 0)
                AddProblem(summary, new RowProblem(0, 0, null, $"'{Excerpt.Of(Path.GetFileName(source.Name))}' has a header but no data rows."));
            foreach (var problem in await importer.FinishAsync(ct)) AddProblem(summary, problem);
            if (!options.DryRun && importer.TouchedCustomers.Count > 0)
            {
                var recompute = Stopwatch.StartNew();
                await using var behaviourDb = await dbFactory.CreateDbContextAsync(ct);
                summary.CustomersRecomputed = await new CustomerBehaviourCalculator(behaviourDb).RecomputeAsync(importer.TouchedCustomers.ToList(), ct: ct);
                summary.RecomputeElapsed = recompute.Elapsed;
            }
            if (run is not null) await FinishRunAsync(db, run.Id, ImportStatus.Succeeded, null, ct);
            summary.Elapsed = clock.Elapsed;
            return summary;
        }
        catch (Exception ex) when (run is not null)
        {
            var status = ex is OperationCanceledException ? ImportStatus.Cancelled : ImportStatus.Failed;
            await FinishRunAsync(db, run.Id, status, ex is OperationCanceledException ? null : ex.Message, CancellationToken.None);
            throw;
        }
        finally
        {
            await stopBeating.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>
    /// Writes the run's heartbeat until stopped. A beat that fails (the database busy with the batch) is skipped: the
    /// next follows, and a run is taken for stopped only after several (<see cref="StaleAfter"/>).
    /// </summary>
    private async Task HeartbeatAsync(Guid runId, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(stop);
                    await db.ImportRuns.Where(r => r.Id == runId && r.Status == ImportStatus.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, DateTime.UtcNow), stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException) { }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// The stored rejected-rows file the run writes to, when the caller asked for one: the run's own when it has a
    /// complete one (a resume appends to it), else a new one holding the header, recorded with the run.
    /// </summary>
    private static async Task<Guid?> RejectedRowsFileAsync(CampaignsDbContext db, ImportRun run, ImportRunOptions options, List<string> header, CancellationToken ct)
    {
        if (options.StoredRejectedRowsName is not { } name) return null;
        var current = await db.ImportRuns.Where(r => r.Id == run.Id).Select(r => r.RejectedRowsFileId).SingleAsync(ct);
        if (current is { } id && await db.ImportFiles.AnyAsync(f => f.Id == id && f.CompletedAt != null, ct)) return id;
        var file = new ImportFile
        {
            FileName = Path.GetFileName(name), Purpose = ImportFilePurpose.RejectedRows, Owner = options.User, ChunkCount = 1, CompletedAt = DateTime.UtcNow,
        };
        var first = RejectedRows.Header(file.Id, header);
        file.Bytes = first.Data.Length;
        db.ImportFiles.Add(file);
        db.ImportFileChunks.Add(first);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RejectedRowsFileId, file.Id), ct);
        return file.Id;
    }

    private static async Task FlushAsync(CampaignsDbContext db, IImporter importer, int count, ImportRun? run, ImportSummary summary,
        RejectedRows rejected, ImportRunOptions options, long lastRow, CancellationToken ct)
    {
        await using var tx = run is null ? null : await db.Database.BeginTransactionAsync(ct);
        var outcome = count > 0 ? await importer.FlushAsync(count, ct) : new BatchOutcome(0, 0, 0, []);
        db.ChangeTracker.Clear();
        summary.Inserted += outcome.Inserted;
        summary.Updated += outcome.Updated;
        summary.Skipped += outcome.Skipped;
        foreach (var group in outcome.Rejected.GroupBy(r => r.Row)) Reject(summary, rejected, group.Key, group.Select(g => g.Problem).ToList());
        // Everything before the first row still waiting is stored or rejected.
        summary.LastCommittedRow = importer.FirstPendingRow - 1 ?? lastRow;
        await rejected.WriteAsync(db, summary.LastCommittedRow, ct);
        if (run is not null)
        {
            await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LastCommittedRow, summary.LastCommittedRow).SetProperty(r => r.Inserted, summary.Inserted)
                .SetProperty(r => r.Updated, summary.Updated).SetProperty(r => r.Skipped, summary.Skipped)
                .SetProperty(r => r.Rejected, summary.Rejected).SetProperty(r => r.HeartbeatAt, DateTime.UtcNow), ct);
            await tx!.CommitAsync(ct);
        }
        if (options.Progress is not null) await options.Progress(summary);
    }

    private static void Reject(ImportSummary summary, RejectedRows rejected, ImportRow row, List<RowProblem> problems)
    {
        summary.Rejected++;
        foreach (var problem in problems) AddProblem(summary, problem);
        rejected.Add(row.Number, string.Join(" ", problems.Select(p => p.ToString())), row.Fields);
    }

    private static void AddProblem(ImportSummary summary, RowProblem problem)
    {
        summary.ProblemCount++;
        if (summary.Problems.Count < ImportSummary.ProblemsKept) summary.Problems.Add(problem);
    }

    private static async Task<ImportRun> StartRunAsync(CampaignsDbContext db, ImportSource source, ImportSettings settings, ImportRunOptions options, CancellationToken ct)
    {
        var run = new ImportRun
        {
            Id = options.RunId ?? Guid.CreateVersion7(), Kind = settings.Kind, FileName = Path.GetFileName(source.Name),
            SettingsJson = JsonSerializer.Serialize(settings, Json), TriggeredBy = options.User,
            UploadId = source.StoredFileId, HeartbeatAt = DateTime.UtcNow,
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return run;
    }

    private static Task FinishRunAsync(CampaignsDbContext db, Guid id, ImportStatus status, string? error, CancellationToken ct) =>
        db.ImportRuns.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status).SetProperty(r => r.Error, error).SetProperty(r => r.FinishedAt, DateTime.UtcNow), ct);
}
