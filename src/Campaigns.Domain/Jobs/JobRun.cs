namespace Campaigns.Domain.Jobs;

public enum JobStatus { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>
/// One run of a background job as the app records it. Hangfire's in-memory storage forgets work on restart;
/// this record does not, so queued and running runs are re-enqueued at start-up, and a running run whose heartbeat
/// stopped (its instance died) is taken over by another instance. Training runs are job runs too.
/// </summary>
public sealed class JobRun : Entity
{
    public required string Kind { get; set; }
    /// <summary>
    /// Of a kind that runs one at a time: the database holds at most one such run queued or running per kind (a filtered
    /// unique index), so two requests or instances can never both start one.
    /// </summary>
    public bool Exclusive { get; set; }
    public string ParametersJson { get; set; } = "{}";
    public JobStatus Status { get; set; } = JobStatus.Queued;
    public double Progress { get; set; }
    public string? Stage { get; set; }
    public string? Error { get; set; }
    public string? ResultSummary { get; set; }
    public required string TriggeredBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Written every few seconds while an instance runs the job: a running run whose heartbeat stopped was left by an instance that died.</summary>
    public DateTime? HeartbeatAt { get; set; }
    /// <summary>How often the run was taken over from an instance that stopped; a graceful restart does not count.</summary>
    public int Takeovers { get; set; }
    public string? HangfireJobId { get; set; }
    public bool CancelRequested { get; set; }
    public int Attempts { get; set; }

    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
    public TimeSpan? Duration => StartedAt is { } s ? (FinishedAt ?? DateTime.UtcNow) - s : null;
}
