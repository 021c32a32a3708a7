namespace Campaigns.Domain.Models;

/// <summary>When a model kind retrains, as a UTC cron expression, and whether a better candidate is promoted by itself.</summary>
public sealed class RetrainingSchedule : Entity
{
    public ModelKind Kind { get; set; }
    public required string Cron { get; set; }
    public bool Enabled { get; set; }
    /// <summary>Auto-promote when the candidate beats current on the main metric by at least this much; null = wait for an Admin.</summary>
    public double? AutoPromoteMinGain { get; set; }
    /// <summary>Retrain when any feature's population stability index between the training window and today exceeds this (0.25 is a common "major shift").</summary>
    public double? DriftThreshold { get; set; } = 0.25;
    /// <summary>Retrain when fewer than this share of a targeted campaign's deciles have their prediction inside the observed interval.</summary>
    public double? CalibrationThreshold { get; set; } = 0.5;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public string? UpdatedBy { get; set; }

    /// <summary>Fixed id of the recurring job, so re-registering at start-up replaces instead of duplicating.</summary>
    public string RecurringJobId => $"retrain-{Kind}";
}
