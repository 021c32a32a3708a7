namespace Campaigns.Application.Integration;

/// <summary>Why one row of a batch was rejected (row numbers start at 1).</summary>
public sealed record RejectedEvent(int Row, string? EventId, IReadOnlyList<string> Errors);
