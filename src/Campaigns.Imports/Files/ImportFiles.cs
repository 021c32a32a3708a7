using System.IO.Compression;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Files;

/// <summary>
/// Import files (uploads and rejected rows) stored in the database in chunks of <see cref="ChunkBytes"/>: written as a
/// stream (never the whole file in memory, the size limit checked while copying) and read back as a stream on any
/// instance, as often as the engine needs.
/// </summary>
public sealed class ImportFiles(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Stores a whole stream; refuses it (keeping nothing) once it passes <paramref name="limit"/> bytes. A name ending
    /// in .gz is decompressed once after it is stored: refused unless it is gzip and decompresses within the limit too
    /// (a few hundred kilobytes of gzip can hold gigabytes).
    /// </summary>
    public async Task<ImportFile> SaveAsync(Stream content, string fileName, ImportFilePurpose purpose, string owner, long limit, CancellationToken ct = default)
    {
        var writer = await CreateAsync(fileName, purpose, owner, limit, ct);
        try
        {
            await content.CopyToAsync(writer, 81920, ct);
            await writer.DisposeAsync();
            if (fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) await CheckGzipAsync(writer.File, limit, ct);
            return writer.File;
        }
        catch
        {
            writer.Discard();
            await DeleteAsync(writer.File.Id, CancellationToken.None);
            throw;
        }
    }

    private async Task CheckGzipAsync(ImportFile file, long limit, CancellationToken ct)
    {
        await using var gzip = new GZipStream(Open(file.Id), CompressionMode.Decompress);
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            for (int read; (read = await gzip.ReadAsync(buffer, ct)) > 0;)
                if ((total += read) > limit) throw new UploadTooLargeException(limit, decompressed: true);
        }
        catch (InvalidDataException)
        {
            throw new ImportException($"'{Excerpt.Of(file.FileName)}' is not gzip data: send the CSV itself, or a file compressed with gzip.");
        }
    }

    /// <summary>A new stored file to write to; its record is complete once the writer is disposed.</summary>
    public async Task<ImportFileWriter> CreateAsync(string fileName, ImportFilePurpose purpose, string owner, long limit = long.MaxValue, CancellationToken ct = default)
    {
        var file = new ImportFile { FileName = Path.GetFileName(fileName), Purpose = purpose, Owner = owner };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.ImportFiles.Add(file);
            await db.SaveChangesAsync(ct);
        }
        return new ImportFileWriter(dbFactory, file, limit);
    }

    public async Task<ImportFile?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ImportFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.CompletedAt != null, ct);
    }

    /// <summary>Reads a stored file from its first byte (a forward-only stream that loads one chunk at a time).</summary>
    public Stream Open(Guid id) => new ImportFileReader(dbFactory, id);

    /// <summary>An upload as the engine reads it (twice: once to sample its encoding and delimiter).</summary>
    public ImportSource Source(Guid id, string fileName) => new(fileName, () => Open(id)) { StoredFileId = id };

    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ImportFileChunks.Where(c => c.FileId == id).ExecuteDeleteAsync(ct);
        await db.ImportFiles.Where(f => f.Id == id).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Deletes what nobody will read any more: uploads no import run reads, a day after they were stored (abandoned in
    /// the wizard, or a run that never started); files a writer never finished, after a day; and everything else —
    /// uploads kept for a resume, rejected-rows files — <paramref name="keep"/> after it was stored.
    /// </summary>
    public async Task<int> CleanUpAsync(DateTime now, TimeSpan keep, CancellationToken ct = default)
    {
        var dayAgo = now.AddDays(-1);
        var keptSince = now - keep;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resumable = db.ImportRuns.Where(r => r.UploadId != null && r.Status != ImportStatus.Succeeded).Select(r => r.UploadId!.Value);
        var expired = await db.ImportFiles
            .Where(f => f.CreatedAt < keptSince
                        || (f.CreatedAt < dayAgo && (f.CompletedAt == null || (f.Purpose == ImportFilePurpose.Upload && !resumable.Contains(f.Id)))))
            .Select(f => f.Id).ToListAsync(ct);
        foreach (var id in expired) await DeleteAsync(id, ct);
        return expired.Count;
    }
}
