namespace Campaigns.Imports;

/// <summary>How to run: for real or as a dry run, by whom, where rejected rows go, and how progress is reported.</summary>
public sealed class ImportRunOptions
{
    public bool DryRun { get; init; }
    /// <summary>Who runs the import, for the run record and the audit log: always named by the caller, never assumed.</summary>
    public required string User { get; init; }
    /// <summary>Receives every rejected row as CSV (row, problems, then the row's own fields), batch by batch as they commit.</summary>
    public TextWriter? RejectedRows { get; init; }
    /// <summary>
    /// Name of a rejected-rows file stored with the run (for download on any instance): created with the run, written in
    /// each batch's transaction, and continued by a resume.
    /// </summary>
    public string? StoredRejectedRowsName { get; init; }
    /// <summary>Called after each batch with the running totals.</summary>
    public Func<ImportSummary, Task>? Progress { get; init; }
    /// <summary>Id of the run record a new import creates (so a job can name its run before it starts); new when null.</summary>
    public Guid? RunId { get; init; }
    /// <summary>Resume a run still marked running: only for a job taking over the run its own interrupted attempt left.</summary>
    public bool TakeOverRunning { get; init; }
}
