namespace Campaigns.Domain.Imports;

/// <summary>A named, reusable mapping of a file's columns to an import kind's fields.</summary>
public sealed class ImportMapping : Entity
{
    public required string Name { get; set; }
    public ImportKind Kind { get; set; }
    /// <summary>JSON object: field name → column header.</summary>
    public string ColumnsJson { get; set; } = "{}";
    /// <summary>Culture numbers and dates are read in (e.g. "de-DE"); empty for the invariant culture.</summary>
    public string Culture { get; set; } = "";
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
