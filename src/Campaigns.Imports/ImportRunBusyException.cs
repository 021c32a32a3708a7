namespace Campaigns.Imports;

/// <summary>A run cannot be resumed because it is running (another resume, or an instance still importing).</summary>
public sealed class ImportRunBusyException(string message) : ImportException(message);
