namespace Campaigns.Domain.Imports;

/// <summary>
/// One import of one file. Batches commit together with <see cref="LastCommittedRow"/>, so after a failure or a
/// cancel the run says exactly where it stopped and a resume skips the rows already stored.
/// </summary>
public sealed class ImportRun : Entity
{
    public ImportKind Kind { get; set; }
    public required string FileName { get; set; }
    /// <summary>The mapping, culture and kind-specific settings the run used, so a resume reads the file the same way.</summary>
    public string SettingsJson { get; set; } = "{}";
    public ImportStatus Status { get; set; } = ImportStatus.Running;
    /// <summary>Data row (1-based, header excluded) up to which every row is stored or rejected.</summary>
    public long LastCommittedRow { get; set; }
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Skipped { get; set; }
    public long Rejected { get; set; }
    public string? Error { get; set; }
    /// <summary>The stored upload the run reads (wizard and API); null for a file read from disk by the CLI.</summary>
    public Guid? UploadId { get; set; }
    /// <summary>The stored rejected-rows file of the run's latest attempt, when one is written (wizard).</summary>
    public Guid? RejectedRowsFileId { get; set; }
    public required string TriggeredBy { get; set; }
    public DateTime StartedAt { get; set; } = DateTime.UtcNow;
    /// <summary>
    /// Written every few seconds while an attempt runs: a run still "running" whose heartbeat stopped was left by a process
    /// that died, and can be resumed. Null for runs of versions that wrote none.
    /// </summary>
    public DateTime? HeartbeatAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
