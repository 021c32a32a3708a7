namespace Campaigns.Application.Models;

/// <summary>The Admin's limits from the kind's schedule: population stability above <paramref name="Drift"/>, or calibration coverage below <paramref name="Calibration"/>, retrains.</summary>
public sealed record MonitoringThresholds(double Drift, double Calibration);
