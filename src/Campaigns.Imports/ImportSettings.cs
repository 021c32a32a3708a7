using System.Globalization;
using Campaigns.Domain.Campaigns;
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

/// <summary>A past campaign: what the file does not say about it.</summary>
public sealed class CampaignImportSettings
{
    public string Name { get; set; } = "";
    /// <summary>The arm value of the control group (no promotion); every other arm is compared with it.</summary>
    public string ControlArm { get; set; } = "";
    /// <summary>When the campaign started; rows without an assignment date are assigned then.</summary>
    public DateTime? StartedAt { get; set; }
    /// <summary>How long outcomes were observed after the start.</summary>
    public int Days { get; set; } = 14;
    public Channel Channel { get; set; } = Channel.Email;
}
