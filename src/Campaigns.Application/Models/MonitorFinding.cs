namespace Campaigns.Application.Models;

/// <summary>What a monitor found: the report stored with the version (breaches raise the alert) and a line for the run's summary.</summary>
public sealed record MonitorFinding(ModelMonitoringReport Report, string Summary);
