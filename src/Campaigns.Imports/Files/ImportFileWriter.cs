using Campaigns.Data;
using Campaigns.Domain.Imports;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Files;

/// <summary>
/// Writes a stored file: bytes are buffered up to a chunk and each full chunk is inserted on its own, so memory stays at
/// one chunk whatever the file's size. <see cref="Flush"/> stores what is buffered (a shorter chunk), so a reader sees
/// everything written so far; disposing stores the rest and completes the file's record.
/// </summary>
public sealed class ImportFileWriter : Stream
{
    private readonly IDbContextFactory<CampaignsDbContext> _dbFactory;
    private readonly long _limit;
    private readonly byte[] _buffer = new byte[ImportFiles.ChunkBytes];
    private int _buffered;
    private bool _disposed;

    internal ImportFileWriter(IDbContextFactory<CampaignsDbContext> dbFactory, ImportFile file, long limit)
    {
        (_dbFactory, File, _limit) = (dbFactory, file, limit);
    }

    public ImportFile File { get; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_disposed;
    public override long Length => File.Bytes + _buffered;
    public override long Position { get => Length; set => throw new NotSupportedException(); }

    /// <summary>Stops writing without storing what is buffered (the file is about to be deleted).</summary>
    internal void Discard() => _disposed = true;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> bytes)
    {
        while (Take(ref bytes)) Store(sync: true, CancellationToken.None).GetAwaiter().GetResult();
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        while (Take(ref bytes)) await Store(sync: false, ct);
    }

    public override void Flush() => Store(sync: true, CancellationToken.None).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken ct) => Store(sync: false, ct);

    public override async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await Store(sync: false, CancellationToken.None);
        await Complete(sync: false);
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            Store(sync: true, CancellationToken.None).GetAwaiter().GetResult();
            Complete(sync: true).GetAwaiter().GetResult();
            _disposed = true;
        }
        base.Dispose(disposing);
    }

    /// <summary>Copies bytes into the buffer; true when the buffer is full and must be stored before the rest.</summary>
    private bool Take(ref ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (File.Bytes + _buffered + bytes.Length > _limit) throw new UploadTooLargeException(_limit);
        var count = Math.Min(bytes.Length, _buffer.Length - _buffered);
        bytes[..count].CopyTo(_buffer.AsSpan(_buffered));
        _buffered += count;
        bytes = bytes[count..];
        return _buffered == _buffer.Length;
    }

    private bool Take(ref ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var before = span.Length;
        var full = Take(ref span);
        bytes = bytes[(before - span.Length)..];
        return full;
    }

    /// <summary>Inserts the buffered bytes as the next chunk (the writer's own sync or async path; the same statements).</summary>
    private async Task Store(bool sync, CancellationToken ct)
    {
        if (_buffered == 0) return;
        var chunk = new ImportFileChunk { FileId = File.Id, Index = File.ChunkCount, Data = _buffer[.._buffered] };
        await using (var db = _dbFactory.CreateDbContext())
        {
            db.ImportFileChunks.Add(chunk);
            if (sync) db.SaveChanges();
            else await db.SaveChangesAsync(ct);
        }
        File.ChunkCount++;
        File.Bytes += _buffered;
        _buffered = 0;
    }

    private async Task Complete(bool sync)
    {
        File.CompletedAt = DateTime.UtcNow;
        await using var db = _dbFactory.CreateDbContext();
        var update = db.ImportFiles.Where(f => f.Id == File.Id);
        if (sync)
            update.ExecuteUpdate(s => s.SetProperty(f => f.Bytes, File.Bytes).SetProperty(f => f.ChunkCount, File.ChunkCount).SetProperty(f => f.CompletedAt, File.CompletedAt));
        else
            await update.ExecuteUpdateAsync(s => s.SetProperty(f => f.Bytes, File.Bytes).SetProperty(f => f.ChunkCount, File.ChunkCount).SetProperty(f => f.CompletedAt, File.CompletedAt));
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
