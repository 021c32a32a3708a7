namespace Campaigns.Domain.Imports;

/// <summary>Where an import run stands; a failed or cancelled run can be resumed from its last committed row.</summary>
public enum ImportStatus { Running, Succeeded, Failed, Cancelled }
