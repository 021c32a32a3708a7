namespace Campaigns.Application.Integration;

/// <summary>The copy variant an arm shows.</summary>
public sealed record AssignedCopy(Guid Id, string Headline, string? Body);
