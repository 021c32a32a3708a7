using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Files;

/// <summary>
/// Reads a stored file forward, one chunk (one query) at a time, on a context of its own. A chunk missing before the
/// file's end (the file was deleted while read) is an error, never a silently shorter file.
/// </summary>
internal sealed class ImportFileReader(IDbContextFactory<CampaignsDbContext> dbFactory, Guid id) : Stream
{
    private CampaignsDbContext? _db;
    private byte[] _chunk = [];
    private int _position, _next, _count = -1;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_position == _chunk.Length)
            if (!Load(sync: true, CancellationToken.None).GetAwaiter().GetResult()) return 0;
        return Copy(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        while (_position == _chunk.Length)
            if (!await Load(sync: false, ct)) return 0;
        return Copy(buffer.Span);
    }

    private int Copy(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _chunk.Length - _position);
        _chunk.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    /// <summary>Loads the next chunk; false at the end of the file.</summary>
    private async Task<bool> Load(bool sync, CancellationToken ct)
    {
        _db ??= dbFactory.CreateDbContext();
        if (_count < 0)
        {
            var file = _db.ImportFiles.AsNoTracking().Where(f => f.Id == id && f.CompletedAt != null).Select(f => (int?)f.ChunkCount);
            _count = (sync ? file.FirstOrDefault() : await file.FirstOrDefaultAsync(ct))
                     ?? throw new IOException($"The stored file {id} does not exist (any more): upload it again.");
        }
        if (_next == _count) return false;
        var query = _db.ImportFileChunks.AsNoTracking().Where(c => c.FileId == id && c.Index == _next).Select(c => c.Data);
        _chunk = (sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(ct))
                 ?? throw new IOException($"Part {_next + 1} of the stored file {id} is missing: it was deleted while it was read; upload it again.");
        (_position, _next) = (0, _next + 1);
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _db?.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
        await base.DisposeAsync();
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
