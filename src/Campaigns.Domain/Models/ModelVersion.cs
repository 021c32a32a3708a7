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
    /// <summary>The kind's main metric on held-out data (<see cref="ModelMetrics.MainMetric"/>), for promotion rules and comparisons.</summary>
    public double? MainMetric { get; set; }
    /// <summary>Wall-clock training time.</summary>
    public TimeSpan? TrainingTime { get; set; }
    /// <summary>The latest monitoring of the version in service (feature drift, calibration in live experiments), as JSON.</summary>
    public string? MonitoringJson { get; set; }
    public DateTime? MonitoredAt { get; set; }
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
    /// <summary>Retrain when any feature's population stability index between the training window and today exceeds this (0.25 is a common "major shift").</summary>
    public double? DriftThreshold { get; set; } = 0.25;
    /// <summary>Retrain when fewer than this share of a targeted campaign's deciles have their prediction inside the observed interval.</summary>
    public double? CalibrationThreshold { get; set; } = 0.5;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public string? UpdatedBy { get; set; }

    /// <summary>Fixed id of the recurring job, so re-registering at start-up replaces instead of duplicating.</summary>
    public string RecurringJobId => $"retrain-{Kind}";
}

/// <summary>How a kind of model is judged: its main metric and which direction is better.</summary>
public static class ModelMetrics
{
    public static (string Name, bool HigherIsBetter) MainMetric(ModelKind kind) => kind switch
    {
        ModelKind.UpliftTargeting => ("Qini coefficient", true),
        ModelKind.CopyGenerator => ("held-out perplexity", false),
        ModelKind.CtrRanker => ("AUC", true),
        _ => ("score", true),
    };

    /// <summary>How much better the candidate is than the reference on the main metric (negative: worse).</summary>
    public static double Gain(ModelKind kind, double candidate, double reference) =>
        MainMetric(kind).HigherIsBetter ? candidate - reference : reference - candidate;
}

public enum PromotionDecision { Promote, WaitForAdmin, Keep }

/// <summary>
/// What happens to a freshly trained version: the first one that works is promoted; later ones are promoted by
/// themselves only when the schedule's rule allows and they beat the current one by at least its margin.
/// </summary>
public static class PromotionRule
{
    /// <summary>Rounding slack when comparing a gain with the margin (far below any metric's precision).</summary>
    private const double Tolerance = 1e-9;

    /// <param name="passes">The candidate meets the kind's floor (an uplift model must beat a random ranking).</param>
    /// <param name="autoPromoteMinGain">The schedule's margin; null means an Admin decides.</param>
    public static (PromotionDecision Decision, string Reason) Decide(ModelKind kind, bool passes, double candidate, double? current, double? autoPromoteMinGain)
    {
        var (metric, _) = ModelMetrics.MainMetric(kind);
        if (!passes) return (PromotionDecision.Keep, $"Kept as a candidate: its {metric} ({candidate:0.000}) does not meet the bar for this kind of model.");
        if (current is not { } reference) return (PromotionDecision.Promote, $"Promoted: the first working model, {metric} {candidate:0.000}.");
        var gain = ModelMetrics.Gain(kind, candidate, reference);
        if (autoPromoteMinGain is not { } margin)
            return (PromotionDecision.WaitForAdmin, $"Waiting for an Admin: {metric} {candidate:0.000} against the current {reference:0.000} (no automatic promotion rule).");
        // Metrics are doubles: 0.12 − 0.10 is 0.0199999…, which must still count as "better by at least 0.02".
        return gain >= margin - Tolerance
            ? (PromotionDecision.Promote, $"Promoted by the schedule's rule: {metric} {candidate:0.000} beats the current {reference:0.000} by {gain:0.000} (at least {margin:0.000} required).")
            : (PromotionDecision.WaitForAdmin, $"Waiting for an Admin: {metric} {candidate:0.000} against the current {reference:0.000}, a gain of {gain:0.000}, below the rule's {margin:0.000}.");
    }
}

public enum SignOffStatus { Pending, Approved, Rejected }

/// <summary>An Admin's request to make a version current although it is worse than the current one on the main metric: a Manager must agree.</summary>
public sealed class ModelSignOff : Entity
{
    public Guid ModelVersionId { get; set; }
    public ModelKind Kind { get; set; }
    public int Version { get; set; }
    public required string RequestedBy { get; set; }
    public required string Reason { get; set; }
    public DateTime RequestedAt { get; set; } = DateTime.UtcNow;
    public SignOffStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionComment { get; set; }
    public DateTime? DecidedAt { get; set; }
}

/// <summary>A flag on a model raised by monitoring (drift or calibration beyond the Admin's thresholds), shown on the dashboard until cleared.</summary>
public sealed class ModelAlert : Entity
{
    public ModelKind Kind { get; set; }
    public Guid? ModelVersionId { get; set; }
    public required string Reason { get; set; }
    public DateTime RaisedAt { get; set; } = DateTime.UtcNow;
    /// <summary>The retraining the alert enqueued, if one could be.</summary>
    public Guid? RetrainRunId { get; set; }
    public DateTime? ClearedAt { get; set; }
    public string? ClearedBy { get; set; }
}
