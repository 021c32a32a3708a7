namespace Campaigns.Imports.Mapping;

/// <summary>How a field's text is read (in the file's culture for numbers and dates).</summary>
public enum FieldType { Text, Integer, Number, Date, Boolean }
