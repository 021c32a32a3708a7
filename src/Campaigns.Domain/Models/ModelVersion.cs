namespace Campaigns.Domain.Models;

/// <summary>
/// A trained model: its artifact (stored in the database so every instance serves the same one) and evaluation. A
/// version starts as a candidate (or failed); making it current retires the current one, which stays for rollback.
/// </summary>
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
    /// <summary>The kind's main metric on held-out data (<see cref="Models.MainMetric"/>), for promotion rules and comparisons.</summary>
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
    /// <summary>Met its kind's floor when trained (e.g. an uplift model beat a random ranking); one that did not serves only after a Manager's sign-off.</summary>
    public bool MeetsBar { get; set; } = true;

    /// <summary>Why an Admin cannot promote this version, or null when it may become current.</summary>
    public string? WhyNotPromotable() => Status switch
    {
        ModelStatus.Current => $"v{Version} is already current.",
        ModelStatus.Failed => $"v{Version} failed in training and cannot be served.",
        _ => null,
    };

    /// <summary>Why this version cannot be rolled back to, or null: only a retired version can be restored.</summary>
    public string? WhyNotRollBackTarget() =>
        Status == ModelStatus.Retired ? null : $"Only a retired version can be rolled back to; v{Version} is {Status.ToString().ToLowerInvariant()}.";

    /// <summary>Worse than the reference on the main metric: promoting it needs a Manager's sign-off.</summary>
    public bool IsWorseThan(double? reference, MainMetric metric) =>
        MainMetric is { } candidate && reference is { } best && metric.Gain(candidate, best) < 0;

    /// <summary>
    /// Why an Admin alone may not make this version current, or null when they may: below its kind's bar (whether or
    /// not a version is current, since serving nothing better is no excuse for serving one that fails the bar) or worse
    /// than the current version. Either way a Manager must sign off: four eyes on every step down.
    /// </summary>
    public string? WhySignOffNeeded(double? reference, MainMetric metric)
    {
        if (!MeetsBar) return $"v{Version} did not meet the bar for its kind of model ({metric.Name} {MainMetric:0.000})";
        return IsWorseThan(reference, metric) ? $"v{Version} is worse than the current version on {metric.Name} ({MainMetric:0.000} against {reference:0.000})" : null;
    }

    /// <summary>Becomes the one current version of its kind; the versions current until now are retired (kept for rollback).</summary>
    public void MakeCurrent(IEnumerable<ModelVersion> current, DateTime now)
    {
        foreach (var v in current.Where(v => v != this)) v.Status = ModelStatus.Retired;
        Status = ModelStatus.Current;
        PromotedAt = now;
    }
}
