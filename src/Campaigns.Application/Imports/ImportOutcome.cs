using Campaigns.Domain.Imports;
using Campaigns.Imports;

namespace Campaigns.Application.Imports;

/// <summary>How a run ended: its summary (every row stored, or some rejected), or where it stopped part-way and why.</summary>
public sealed record ImportOutcome(ImportSummary? Summary, ImportRun? StoppedRun, string? StopReason)
{
    public static ImportOutcome Finished(ImportSummary summary) => new(summary, null, null);
    public static ImportOutcome Stopped(ImportRun run, string reason) => new(null, run, reason);
}
