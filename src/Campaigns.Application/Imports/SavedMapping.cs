using Campaigns.Imports.Mapping;

namespace Campaigns.Application.Imports;

/// <summary>A saved mapping as the wizard applies it: the columns and the culture the file is read in.</summary>
public sealed record SavedMapping(ColumnMapping Mapping, string Culture);
