namespace Campaigns.Imports;

/// <summary>A file to import: opened twice (once to detect its encoding and delimiter); a name ending in .gz is decompressed.</summary>
public sealed record ImportSource(string Name, Func<Stream> Open)
{
    /// <summary>The stored upload this source reads, recorded with the run so that it can be resumed from any instance.</summary>
    public Guid? StoredFileId { get; init; }

    public static ImportSource FromFile(string path) =>
        File.Exists(path) ? new ImportSource(path, () => File.OpenRead(path)) : throw new ImportException($"No file at '{path}'.");
}
