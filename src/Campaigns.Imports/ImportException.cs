namespace Campaigns.Imports;

/// <summary>The import cannot start or go on; the message says what to fix.</summary>
public class ImportException(string message) : Exception(message);

/// <summary>A run cannot be resumed because it is running (another resume, or an instance still importing).</summary>
public sealed class ImportRunBusyException(string message) : ImportException(message);
