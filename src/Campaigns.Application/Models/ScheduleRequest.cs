using Campaigns.Domain.Models;

namespace Campaigns.Application.Models;

/// <summary>What an Admin sets for a kind's retraining.</summary>
public sealed record ScheduleRequest(ModelKind Kind, string Cron, bool Enabled, double? AutoPromoteMinGain, double? DriftThreshold, double? CalibrationThreshold);
