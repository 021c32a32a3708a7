namespace Campaigns.Imports;

/// <summary>The import cannot start or go on; the message says what to fix.</summary>
public class ImportException(string message) : Exception(message);
