namespace Campaigns.Domain.Imports;

/// <summary>
/// A file of the import feature kept in the database (in <see cref="ImportFileChunk"/>s of about 1 MB), so that the
/// instance that runs an import, serves a download or resumes a run need not be the one that received the file.
/// </summary>
public sealed class ImportFile : Entity
{
    public required string FileName { get; set; }
    public ImportFilePurpose Purpose { get; set; }
    /// <summary>The user (or API key) who uploaded it, or who ran the import that wrote it.</summary>
    public required string Owner { get; set; }
    public long Bytes { get; set; }
    public int ChunkCount { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    /// <summary>When the last chunk was written; null while it is being written (or if the writer stopped).</summary>
    public DateTime? CompletedAt { get; set; }
}
