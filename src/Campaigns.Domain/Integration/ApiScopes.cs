namespace Campaigns.Domain.Integration;

/// <summary>What an API key may call: assign customers, ingest events, import files.</summary>
[Flags]
public enum ApiScopes { None = 0, Assign = 1, Ingest = 2, Import = 4 }
