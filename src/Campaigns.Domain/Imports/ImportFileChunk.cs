namespace Campaigns.Domain.Imports;

/// <summary>One piece of an <see cref="ImportFile"/>, in order of <see cref="Index"/> (0-based).</summary>
public sealed class ImportFileChunk
{
    public Guid FileId { get; set; }
    public int Index { get; set; }
    public required byte[] Data { get; set; }
}
