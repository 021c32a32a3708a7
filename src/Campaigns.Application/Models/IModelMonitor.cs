using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>
/// A kind's check of its version in service, named by <see cref="ModelKindDefinition.Monitor"/> and run by
/// <see cref="ModelMonitoring"/>, which stores the report and raises the alert: a monitor only reads and judges.
/// </summary>
public interface IModelMonitor
{
    Task<MonitorFinding> CheckAsync(ModelVersion current, MonitoringThresholds thresholds, CancellationToken ct);
}
