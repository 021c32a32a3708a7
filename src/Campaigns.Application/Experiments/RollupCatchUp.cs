using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Experiments;

/// <summary>
/// One catch-up of the rollup at a time in this process, shared by every results read that asks for one. Without it
/// each concurrent read opened its own write transaction: under ingestion they queued on SQLite's one write lock,
/// each holding a pool thread in SQLite's (synchronous) busy wait, and pages failed with "database is locked". A
/// read that starts the catch-up waits for it (it sees every event stored before it asked); a read arriving while
/// one runs waits for it at most <see cref="JoinWait"/>, then reads the rollup as last committed (behind by one
/// catch-up at most), so reads do not queue behind a rollup that ingestion keeps busy.
/// </summary>
public sealed class RollupCatchUp(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <summary>How long a read waits for a catch-up another read started before it reads what is rolled up.</summary>
    public static readonly TimeSpan JoinWait = TimeSpan.FromMilliseconds(300);

    private readonly ExperimentRollup _rollup = new(dbFactory);
    private readonly Lock _gate = new();
    private Task? _running;

    /// <summary>Brings the rollup up to date (see the class), as <see cref="ExperimentRollup.CatchUpBeforeReadAsync"/> would.</summary>
    public async Task BeforeReadAsync(CancellationToken ct = default)
    {
        Task run;
        bool joined;
        lock (_gate)
        {
            joined = _running is { IsCompleted: false };
            if (!joined) _running = Start();
            run = _running!;
        }
        if (!joined)
        {
            await run.WaitAsync(ct);
            return;
        }
        try
        {
            await run.WaitAsync(JoinWait, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Timed out, or the other read's catch-up failed (it reports that itself): read what is committed.
        }
    }

    /// <summary>
    /// Off the caller's cancellation (joined reads depend on it) and off the request's thread: SQLite's "async" calls run
    /// synchronously, so the catch-up holds one pool thread however many reads wait for it.
    /// </summary>
    private Task Start() => Task.Run(() => _rollup.CatchUpBeforeReadAsync(CancellationToken.None));
}
