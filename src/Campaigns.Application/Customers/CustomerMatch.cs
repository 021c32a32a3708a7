namespace Campaigns.Application.Customers;

/// <summary>One customer found by a search, with the figures that tell two similar customers apart.</summary>
public sealed record CustomerMatch(Guid Id, string ExternalId, string? Name, string? Email, string Region, int Orders, decimal Spend, DateTime? LastOrderAt);
