namespace Campaigns.Domain.Models;

public enum ModelKind { UpliftTargeting, CopyGenerator, CtrRanker }

public enum ModelStatus { Candidate, Current, Retired, Failed }

/// <summary>A trained model: its artifact (stored in the database so every instance serves the same one) and evaluation.</summary>
public sealed class ModelVersion : Entity
{
    public ModelKind Kind { get; set; }
    public int Version { get; set; }
    public required string Learner { get; set; }
    public ModelStatus Status { get; set; }
    public byte[] Artifact { get; set; } = [];
    /// <summary>SHA-256 of the artifact, verified on load.</summary>
    public required string ArtifactSha256 { get; set; }
    public string MetricsJson { get; set; } = "{}";
    public string FeaturesJson { get; set; } = "[]";
    public DateTime DataFrom { get; set; }
    public DateTime DataTo { get; set; }
    public int RowCount { get; set; }
    public Guid? JobRunId { get; set; }
    public required string TriggeredBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? PromotedAt { get; set; }
}

/// <summary>When a model kind retrains, as a UTC cron expression, and whether a better candidate is promoted by itself.</summary>
public sealed class RetrainingSchedule : Entity
{
    public ModelKind Kind { get; set; }
    public required string Cron { get; set; }
    public bool Enabled { get; set; }
    /// <summary>Auto-promote when the candidate beats current on the main metric by at least this much; null = wait for an Admin.</summary>
    public double? AutoPromoteMinGain { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public string? UpdatedBy { get; set; }

    /// <summary>Fixed id of the recurring job, so re-registering at start-up replaces instead of duplicating.</summary>
    public string RecurringJobId => $"retrain-{Kind}";
}
