using System.Diagnostics;
using System.Text.Json;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports.Csv;
using Campaigns.Imports.Importers;
using Campaigns.Imports.Mapping;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports;

/// <summary>A file to import: opened twice (once to detect its encoding and delimiter); a name ending in .gz is decompressed.</summary>
public sealed record ImportSource(string Name, Func<Stream> Open)
{
    /// <summary>The stored upload this source reads, recorded with the run so that it can be resumed from any instance.</summary>
    public Guid? StoredFileId { get; init; }

    public static ImportSource FromFile(string path) =>
        File.Exists(path) ? new ImportSource(path, () => File.OpenRead(path)) : throw new ImportException($"No file at '{path}'.");
}

/// <summary>How to run: for real or as a dry run, by whom, where rejected rows go, and how progress is reported.</summary>
public sealed class ImportRunOptions
{
    public bool DryRun { get; init; }
    public string User { get; init; } = "system";
    /// <summary>Receives every rejected row as CSV: row, problems, then the row's own fields.</summary>
    public TextWriter? RejectedRows { get; init; }
    /// <summary>Called after each batch with the running totals.</summary>
    public Func<ImportSummary, Task>? Progress { get; init; }
    /// <summary>Id of the run record a new import creates (so a job can name its run before it starts); new when null.</summary>
    public Guid? RunId { get; init; }
    /// <summary>The stored file <see cref="RejectedRows"/> is written to, recorded with the run for download.</summary>
    public Guid? RejectedRowsFileId { get; init; }
    /// <summary>
    /// On a resume, the rejected rows the stopped attempt wrote: those up to the resumed position are copied to
    /// <see cref="RejectedRows"/> first (the rest are rejected again), so the file lists every rejected row once.
    /// </summary>
    public Func<Stream>? EarlierRejectedRows { get; init; }
    /// <summary>Resume a run still marked running: only for a job taking over the run its own interrupted attempt left.</summary>
    public bool TakeOverRunning { get; init; }
}

/// <summary>
/// Streams a CSV file through an importer of its kind: each row is parsed and checked on its own (a bad row is
/// rejected with the row, the column and the reason; the others go on), valid rows are stored a batch at a time,
/// each batch in one transaction with the run's position, and behaviour aggregates are then recomputed for the
/// customers the import touched. A dry run does every check, including those that need the database, and writes nothing.
/// </summary>
public sealed class ImportEngine(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public Task<ImportSummary> RunAsync(ImportSource source, ImportSettings settings, ImportRunOptions options, CancellationToken ct = default) =>
        RunAsync(source, settings, options, null, ct);

    /// <summary>
    /// Continues a failed or cancelled run from the row after the last committed batch, with the settings it started
    /// with. The run is claimed first (failed or cancelled → running, in one statement), so two resumes never run together.
    /// </summary>
    public async Task<ImportSummary> ResumeAsync(Guid runId, ImportSource source, ImportRunOptions options, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct) ?? throw new ImportException($"No import run {runId}.");
        if (run.Status is ImportStatus.Succeeded) throw new ImportException($"Import run {runId} finished already; nothing to resume.");
        var claimed = await db.ImportRuns
            .Where(r => r.Id == runId && (r.Status == ImportStatus.Failed || r.Status == ImportStatus.Cancelled || (options.TakeOverRunning && r.Status == ImportStatus.Running)))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Running).SetProperty(r => r.Error, (string?)null)
                .SetProperty(r => r.FinishedAt, (DateTime?)null).SetProperty(r => r.RejectedRowsFileId, r => options.RejectedRowsFileId ?? r.RejectedRowsFileId), ct);
        if (claimed == 0) throw new ImportRunBusyException($"Import run {runId} is running already; wait for it to stop before resuming it.");
        var settings = JsonSerializer.Deserialize<ImportSettings>(run.SettingsJson, Json)!;
        return await RunAsync(source, settings, options, run, ct);
    }

    /// <summary>The header and the mapping suggested for it, for a preview.</summary>
    public static (List<string> Header, ColumnMapping Suggested, CsvReader Reader) Preview(ImportSource source, ImportKind kind)
    {
        var csv = CsvReader.Open(source.Open, source.Name);
        var header = csv.Read()?.Fields;
        if (header is null || header.All(h => h.Trim().Length == 0))
        {
            csv.Dispose();
            throw new ImportException($"'{Path.GetFileName(source.Name)}' is empty: it has no header row.");
        }
        return (header, ColumnMapping.Suggest(kind, header), csv);
    }

    private async Task<ImportSummary> RunAsync(ImportSource source, ImportSettings settings, ImportRunOptions options, ImportRun? resumed, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
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
        if (resumed is not null && options is { RejectedRows: { } rejectedRows, EarlierRejectedRows: { } earlier })
            CopyRejectedRows(earlier, resumed.LastCommittedRow, rejectedRows);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var context = new ImportContext(db, dbFactory, settings, header, columns, !options.DryRun, options.User);
        IImporter importer = settings.Kind switch
        {
            ImportKind.Customers => new CustomerImporter(context),
            ImportKind.Products => new ProductImporter(context),
            ImportKind.Orders => new OrderImporter(context),
            ImportKind.Campaign => new CampaignImporter(context),
            _ => throw new ImportException($"Unknown import kind {settings.Kind}."),
        };
        var run = options.DryRun ? null : resumed ?? await StartRunAsync(db, source, settings, options, ct);
        var resumeAfter = resumed?.LastCommittedRow ?? 0;
        if (resumed is not null)
            (summary.Inserted, summary.Updated, summary.Skipped, summary.Rejected, summary.LastCommittedRow) =
                (resumed.Inserted, resumed.Updated, resumed.Skipped, resumed.Rejected, resumed.LastCommittedRow);
        summary.RunId = run?.Id;

        try
        {
            long row = 0;
            while (csv.Read() is { } record)
            {
                if (record.Fields.Count == 1 && record.Fields[0].Trim().Length == 0) continue;
                row++;
                var parsed = new ImportRow(row, record.Line, record.Fields, header, columns, culture);
                var replay = row <= resumeAfter;
                if (record.Fields.Count != header.Count)
                    parsed.Problem(null, $"the row has {record.Fields.Count} fields; the header has {header.Count}" +
                        (record.Fields.Count == 1 && record.Fields[0].Contains(csv.Delimiter == ',' ? ';' : ',') ? " (is it written with another delimiter?)." : "."));
                else importer.Accept(parsed, keep: !replay);
                if (replay) continue;
                summary.Rows = row;
                if (parsed.Problems.Count > 0) Reject(summary, options, parsed, parsed.Problems);
                if (importer.Flushable(settings.BatchSize, end: false) is var count and > 0)
                    await FlushAsync(db, importer, count, run, summary, options, row, ct);
            }
            summary.Rows = row;
            await FlushAsync(db, importer, importer.Flushable(settings.BatchSize, end: true), run, summary, options, row, ct);
            if (summary.Rows == 0 && resumeAfter == 0)
                AddProblem(summary, new RowProblem(0, 0, null, $"'{Path.GetFileName(source.Name)}' has a header but no data rows."));
            foreach (var problem in await importer.FinishAsync(ct)) AddProblem(summary, problem);
            if (!options.DryRun && importer.TouchedCustomers.Count > 0)
            {
                var recompute = Stopwatch.StartNew();
                await using var behaviourDb = await dbFactory.CreateDbContextAsync(ct);
                summary.CustomersRecomputed = await new CustomerBehaviourCalculator(behaviourDb).RecomputeAsync(importer.TouchedCustomers.ToList(), ct: ct);
                summary.RecomputeElapsed = recompute.Elapsed;
            }
            if (run is not null) await FinishRunAsync(db, run.Id, ImportStatus.Succeeded, null, ct);
        }
        catch (Exception ex) when (run is not null)
        {
            var status = ex is OperationCanceledException ? ImportStatus.Cancelled : ImportStatus.Failed;
            await FinishRunAsync(db, run.Id, status, ex is OperationCanceledException ? null : ex.Message, CancellationToken.None);
            throw;
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    private static async Task FlushAsync(CampaignsDbContext db, IImporter importer, int count, ImportRun? run, ImportSummary summary,
        ImportRunOptions options, long lastRow, CancellationToken ct)
    {
        await using var tx = run is null ? null : await db.Database.BeginTransactionAsync(ct);
        var outcome = count > 0 ? await importer.FlushAsync(count, ct) : new BatchOutcome(0, 0, 0, []);
        db.ChangeTracker.Clear();
        summary.Inserted += outcome.Inserted;
        summary.Updated += outcome.Updated;
        summary.Skipped += outcome.Skipped;
        foreach (var group in outcome.Rejected.GroupBy(r => r.Row)) Reject(summary, options, group.Key, group.Select(g => g.Problem).ToList());
        // Everything before the first row still waiting is stored or rejected.
        summary.LastCommittedRow = importer.FirstPendingRow - 1 ?? lastRow;
        if (run is not null)
        {
            await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LastCommittedRow, summary.LastCommittedRow).SetProperty(r => r.Inserted, summary.Inserted)
                .SetProperty(r => r.Updated, summary.Updated).SetProperty(r => r.Skipped, summary.Skipped)
                .SetProperty(r => r.Rejected, summary.Rejected), ct);
            await tx!.CommitAsync(ct);
        }
        if (options.Progress is not null) await options.Progress(summary);
    }

    private static void Reject(ImportSummary summary, ImportRunOptions options, ImportRow row, List<RowProblem> problems)
    {
        summary.Rejected++;
        foreach (var problem in problems) AddProblem(summary, problem);
        options.RejectedRows?.WriteLine(CsvText.Line(new[] { row.Number.ToString(), string.Join(" ", problems.Select(p => p.ToString())) }.Concat(row.Fields)));
    }

    private static void AddProblem(ImportSummary summary, RowProblem problem)
    {
        summary.ProblemCount++;
        if (summary.Problems.Count < ImportSummary.ProblemsKept) summary.Problems.Add(problem);
    }

    /// <summary>Copies the rows of an earlier rejected-rows file up to a data row (without its header).</summary>
    private static void CopyRejectedRows(Func<Stream> earlier, long upToRow, TextWriter to)
    {
        using var reader = CsvReader.Open(earlier, "rejected.csv", ',');
        if (reader.Read() is null) return;
        while (reader.Read() is { } record)
            if (long.TryParse(record.Fields[0], out var row) && row <= upToRow) to.WriteLine(CsvText.Line(record.Fields));
    }

    private static async Task<ImportRun> StartRunAsync(CampaignsDbContext db, ImportSource source, ImportSettings settings, ImportRunOptions options, CancellationToken ct)
    {
        var run = new ImportRun
        {
            Id = options.RunId ?? Guid.CreateVersion7(), Kind = settings.Kind, FileName = Path.GetFileName(source.Name),
            SettingsJson = JsonSerializer.Serialize(settings, Json), TriggeredBy = options.User,
            UploadId = source.StoredFileId, RejectedRowsFileId = options.RejectedRowsFileId,
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
