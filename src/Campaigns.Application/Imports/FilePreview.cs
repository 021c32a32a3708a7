using Campaigns.Imports.Mapping;

namespace Campaigns.Application.Imports;

/// <summary>The header, the first rows and the suggested mapping of an uploaded file, with the saved mappings of its kind.</summary>
public sealed record FilePreview(List<string> Header, List<List<string>> Rows, ColumnMapping Suggested, string Encoding, char Delimiter, List<string> SavedMappings);
