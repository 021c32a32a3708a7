namespace Campaigns.Domain.Imports;

/// <summary>What a file holds: each kind has its own fields and upserts on its own external key.</summary>
public enum ImportKind { Customers, Products, Orders, Campaign, Copy }
