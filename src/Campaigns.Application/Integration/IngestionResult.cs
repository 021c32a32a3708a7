namespace Campaigns.Application.Integration;

/// <summary>What became of a batch: rows stored, already stored (by row) and rejected (by row, with the reasons).</summary>
public sealed record IngestionResult(int Received, int Accepted, int Duplicates, IReadOnlyList<int> DuplicateRows, IReadOnlyList<RejectedEvent> Rejected);
