namespace Campaigns.Domain.Audiences;

/// <summary>A catalogue category an audience rule asks customers to be likely to buy from: its id to filter on, its name to describe the rule.</summary>
public sealed record LikelyCategory(Guid Id, string Name);
