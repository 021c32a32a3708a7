using System.Globalization;
using Campaigns.Domain.Imports;
using Campaigns.Imports.Mapping;

namespace Campaigns.Imports;

/// <summary>How to read one file; stored with the run (as JSON) so a resume reads it the same way.</summary>
public sealed class ImportSettings
{
    public ImportKind Kind { get; set; }
    public ColumnMapping Mapping { get; set; } = new();
    /// <summary>Culture numbers and dates are written in; empty: invariant (1234.5, 2026-11-26).</summary>
    public string Culture { get; set; } = "";
    /// <summary>
    /// For files without a customer id column (Hillstrom): the external id is this prefix followed by the data
    /// row number, so the customers and the campaign imported from the same file match up.
    /// </summary>
    public string? RowIdPrefix { get; set; }
    public CampaignImportSettings? Campaign { get; set; }
    /// <summary>Rows committed together; a failure keeps every earlier batch and none of this one.</summary>
    public int BatchSize { get; set; } = 50_000;

    public CultureInfo ReadCulture()
    {
        try { return Culture.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(Culture); }
        catch (CultureNotFoundException) { throw new ImportException($"'{Excerpt.Of(Culture)}' is not a culture name (e.g. en-US, de-DE, fr-FR)."); }
    }
}
