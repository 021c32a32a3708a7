namespace Campaigns.Imports.Mapping;

/// <summary>A field an import kind understands, with the header names stores commonly give it.</summary>
public sealed record ImportField(string Name, FieldType Type, bool Required, string Description, params string[] Synonyms);
