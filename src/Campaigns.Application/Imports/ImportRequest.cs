using Campaigns.Domain.Imports;
using Campaigns.Imports;

namespace Campaigns.Application.Imports;

/// <summary>
/// A body to import as the API receives it: CSV or JSON lines, gzipped or not, with the mapping named or changed by
/// <c>field=column</c> pairs (<paramref name="Map"/>), the culture, the row-id prefix and, for a campaign, its settings.
/// </summary>
public sealed record ImportRequest(ImportKind Kind, bool JsonLines, bool Gzip, bool DryRun, string? Mapping, IReadOnlyList<string> Map, string? Culture, string? RowIdPrefix,
    CampaignImportSettings? Campaign);
