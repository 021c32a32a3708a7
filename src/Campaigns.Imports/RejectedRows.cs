using System.Text;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports.Csv;
using Campaigns.Imports.Files;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports;

/// <summary>
/// A run's rejected rows, held until the batch that covers them commits: then the rows up to the run's position are
/// written, in row order, to the caller's writer and to the run's stored file — the stored file's chunks and its size in
/// the batch's own transaction. So the stored file always lists exactly the rows rejected up to the committed position,
/// whatever stops the process; rows after it are rejected again by a resume, which appends to the same file.
/// </summary>
internal sealed class RejectedRows(TextWriter? writer, Guid? fileId)
{
    private readonly List<(long Row, string Line)> _held = [];

    /// <summary>Characters held, counted against the engine's bound on memory between batches.</summary>
    public long Chars { get; private set; }

    public void Add(long row, string problems, IEnumerable<string> fields)
    {
        var line = CsvText.Line(new[] { row.ToString(), problems }.Concat(fields));
        _held.Add((row, line));
        Chars += line.Length;
    }

    /// <summary>The header of a new stored file (chunk 0, with the file's record), before any batch.</summary>
    public static ImportFileChunk Header(Guid id, IEnumerable<string> header) =>
        new() { FileId = id, Index = 0, Data = Encoding.UTF8.GetBytes(CsvText.Line(new[] { "row", "problems" }.Concat(header)) + "\n") };

    /// <summary>Writes the rows up to <paramref name="position"/>; for the stored file, within the transaction open on <paramref name="db"/>.</summary>
    public async Task WriteAsync(CampaignsDbContext db, long position, CancellationToken ct)
    {
        var due = _held.Where(r => r.Row <= position).OrderBy(r => r.Row).ToList();
        if (due.Count == 0) return;
        _held.RemoveAll(r => r.Row <= position);
        Chars = _held.Sum(r => (long)r.Line.Length);
        var text = new StringBuilder();
        foreach (var (_, line) in due) text.Append(line).Append('\n');
        if (writer is not null) await writer.WriteAsync(text, ct);
        if (fileId is not { } id) return;

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var file = await db.ImportFiles.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.ChunkCount, f.Bytes }).SingleAsync(ct);
        var chunks = bytes.Chunk(ImportFiles.ChunkBytes).Select((data, i) => new ImportFileChunk { FileId = id, Index = file.ChunkCount + i, Data = data }).ToList();
        db.ImportFileChunks.AddRange(chunks);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await db.ImportFiles.Where(f => f.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.ChunkCount, file.ChunkCount + chunks.Count).SetProperty(f => f.Bytes, file.Bytes + bytes.Length)
            .SetProperty(f => f.CompletedAt, DateTime.UtcNow), ct);
    }
}
