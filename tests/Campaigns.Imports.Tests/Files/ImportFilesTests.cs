using System.IO.Compression;
using System.Text;
using Campaigns.Domain.Imports;
using Campaigns.Imports.Files;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Tests.Files;

public sealed class ImportFilesTests : ImportDatabase
{
    private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 % 251)).ToArray();

    [Fact]
    public async Task A_file_is_stored_in_chunks_of_a_megabyte_and_read_back_byte_for_byte_as_often_as_needed()
    {
        var content = Bytes(ImportFiles.ChunkBytes * 2 + 12_345);
        var file = await Files.SaveAsync(new MemoryStream(content), "big.csv", ImportFilePurpose.Upload, "tests", limit: long.MaxValue);

        Assert.Equal((content.LongLength, 3), (file.Bytes, file.ChunkCount));
        await using (var db = Open())
            Assert.Equal([ImportFiles.ChunkBytes, ImportFiles.ChunkBytes, 12_345], await db.ImportFileChunks.Where(c => c.FileId == file.Id).OrderBy(c => c.Index).Select(c => c.Data.Length).ToListAsync());
        for (var pass = 0; pass < 2; pass++)
        {
            await using var read = Files.Open(file.Id);
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
        using var sync = new StreamReader(Files.Open(file.Id), Encoding.Latin1);
        Assert.Equal(content.Length, sync.ReadToEnd().Length);
    }

    private static byte[] Gzip(byte[] content)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize)) gzip.Write(content);
        return compressed.ToArray();
    }

    [Fact]
    public async Task A_gzip_file_that_decompresses_beyond_the_limit_is_refused_and_nothing_of_it_is_kept()
    {
        // Three megabytes of one character compress to a few kilobytes: the limit is on what they become.
        var bomb = Gzip(Encoding.ASCII.GetBytes("customer_id\n" + new string('x', 3 * 1024 * 1024)));
        Assert.True(bomb.Length < 64 * 1024);
        var ex = await Assert.ThrowsAsync<UploadTooLargeException>(() =>
            Files.SaveAsync(new MemoryStream(bomb), "bomb.csv.gz", ImportFilePurpose.Upload, "tests", limit: 2 * 1024 * 1024));
        Assert.Contains("decompresses to more than the 2 MB", ex.Message);
        await using var db = Open();
        Assert.False(await db.ImportFiles.AnyAsync());
    }

    [Fact]
    public async Task A_gz_file_that_is_not_gzip_is_refused_saying_so()
    {
        var ex = await Assert.ThrowsAsync<ImportException>(() =>
            Files.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("customer_id\nC1\n")), "plain.csv.gz", ImportFilePurpose.Upload, "tests", limit: 1 << 20));
        Assert.Equal("'plain.csv.gz' is not gzip data: send the CSV itself, or a file compressed with gzip.", ex.Message);
        await using var db = Open();
        Assert.False(await db.ImportFiles.AnyAsync());
    }

    [Fact]
    public async Task A_file_above_the_limit_is_refused_while_it_is_copied_and_nothing_of_it_is_kept()
    {
        var ex = await Assert.ThrowsAsync<UploadTooLargeException>(() =>
            Files.SaveAsync(new MemoryStream(Bytes(ImportFiles.ChunkBytes * 3)), "big.csv", ImportFilePurpose.Upload, "tests", limit: 2 * 1024 * 1024));
        Assert.Contains("larger than the 2 MB this server accepts", ex.Message);
        await using var db = Open();
        Assert.False(await db.ImportFiles.AnyAsync());
        Assert.False(await db.ImportFileChunks.AnyAsync());
    }

    [Fact]
    public async Task Reading_a_file_deleted_meanwhile_fails_instead_of_ending_early()
    {
        var file = await Files.SaveAsync(new MemoryStream(Bytes(ImportFiles.ChunkBytes + 10)), "f.csv", ImportFilePurpose.Upload, "tests", long.MaxValue);
        await using var read = Files.Open(file.Id);
        Assert.Equal(100, await read.ReadAsync(new byte[100]));
        await Files.DeleteAsync(file.Id);
        var buffer = new byte[ImportFiles.ChunkBytes];
        var ex = await Assert.ThrowsAsync<IOException>(async () => { while (await read.ReadAsync(buffer) > 0) { } });
        Assert.Contains("deleted while it was read", ex.Message);
    }

    [Fact]
    public async Task Clean_up_removes_abandoned_uploads_after_a_day_and_keeps_those_of_stopped_runs_for_a_resume()
    {
        var now = DateTime.UtcNow;
        async Task<Guid> Stored(ImportFilePurpose purpose, double hoursAgo)
        {
            var file = await Files.SaveAsync(new MemoryStream(Bytes(10)), "f.csv", purpose, "tests", long.MaxValue);
            await using var db = Open();
            await db.ImportFiles.Where(f => f.Id == file.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.CreatedAt, now.AddHours(-hoursAgo)));
            return file.Id;
        }
        var fresh = await Stored(ImportFilePurpose.Upload, 2);
        await Stored(ImportFilePurpose.Upload, 30); // abandoned: no run reads it
        var ofFailedRun = await Stored(ImportFilePurpose.Upload, 30);
        var ofOldFailedRun = await Stored(ImportFilePurpose.Upload, 24 * 8);
        var rejectedRows = await Stored(ImportFilePurpose.RejectedRows, 30);
        await using (var db = Open())
        {
            db.ImportRuns.AddRange(
                new ImportRun { FileName = "f.csv", TriggeredBy = "tests", Status = ImportStatus.Failed, UploadId = ofFailedRun },
                new ImportRun { FileName = "f.csv", TriggeredBy = "tests", Status = ImportStatus.Cancelled, UploadId = ofOldFailedRun });
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await Files.CleanUpAsync(now, TimeSpan.FromDays(7)));

        await using (var db = Open())
            Assert.Equal(new[] { fresh, ofFailedRun, rejectedRows }.Order(), (await db.ImportFiles.Select(f => f.Id).ToListAsync()).Order());
        Assert.Equal(0, await Files.CleanUpAsync(now, TimeSpan.FromDays(7)));
    }
}
