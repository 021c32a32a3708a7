namespace Campaigns.Imports;

/// <summary>What an import (or a dry run) did, row by row.</summary>
public sealed class ImportSummary
{
    /// <summary>Problems kept in memory for display; every problem still reaches the rejected-rows file.</summary>
    public const int ProblemsKept = 1000;

    public Guid? RunId { get; set; }
    public bool DryRun { get; set; }
    public string Encoding { get; set; } = "";
    public char Delimiter { get; set; }
    public Dictionary<string, string> Mapping { get; set; } = [];
    public long Rows { get; set; }
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Skipped { get; set; }
    public long Rejected { get; set; }
    public long ProblemCount { get; set; }
    public List<RowProblem> Problems { get; } = [];
    /// <summary>Data row up to which everything is stored (resume from the next).</summary>
    public long LastCommittedRow { get; set; }
    public int CustomersRecomputed { get; set; }
    /// <summary>Whole run, and the part spent recomputing behaviour aggregates after the last batch.</summary>
    public TimeSpan Elapsed { get; set; }
    public TimeSpan RecomputeElapsed { get; set; }

    public override string ToString() =>
        $"{(DryRun ? "Dry run: " : "")}{Rows:N0} rows: {Inserted:N0} {(DryRun ? "to insert" : "inserted")}, {Updated:N0} {(DryRun ? "to update" : "updated")}, " +
        $"{Skipped:N0} unchanged, {Rejected:N0} rejected ({Encoding}, delimiter '{(Delimiter == '\t' ? "\\t" : Delimiter.ToString())}')";
}
