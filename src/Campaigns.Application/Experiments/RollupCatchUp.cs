using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Experiments;

/// <summary>
/// One catch-up of the rollup at a time in this process, shared by every results read that asks for one. Without it
/// each concurrent read opened its own write transaction: under ingestion they queued on SQLite's one write lock,
/// each holding a pool thread in SQLite's (synchronous) busy wait, and pages failed with "database is locked". A read
/// starts a catch-up or joins the one running. It waits for it when at most <see cref="SmallBacklog"/> events are left
/// (a quiet store's new events: the read sees every event stored before it asked); behind a burst it reads the rollup
/// as last committed at once, so no page waits for a burst to be rolled up.
/// </summary>
/// <param name="alwaysWait">Wait for the catch-up whatever its size (the CLI, which reads once and must see everything).</param>
public sealed class RollupCatchUp(IDbContextFactory<CampaignsDbContext> dbFactory, bool alwaysWait = false)
{
    /// <summary>Events a read waits to see rolled up: about a tenth of a second of rollup.</summary>
    public const long SmallBacklog = 20_000;

    private readonly ExperimentRollup _rollup = new(dbFactory);
    private readonly Lock _gate = new();
    private Task? _running;

    /// <summary>
    /// Brings the rollup up to date (see the class), as <see cref="ExperimentRollup.CatchUpBeforeReadAsync"/> would. False
    /// when the read goes on behind a burst, with the rollup as last committed.
    /// </summary>
    public async Task<bool> BeforeReadAsync(CancellationToken ct = default)
    {
        Task run;
        bool joined;
        lock (_gate)
        {
            joined = _running is { IsCompleted: false };
            if (!joined) _running = Start();
            run = _running!;
        }
        if (!alwaysWait && await _rollup.IsBehindAsync(SmallBacklog, ct)) return false;
        try
        {
            await run.WaitAsync(ct);
        }
        catch (Exception) when (joined && !ct.IsCancellationRequested)
        {
            // The read that started it reports its failure; this one reads what is committed.
        }
        return true;
    }

    /// <summary>
    /// Off the caller's cancellation (joined reads depend on it) and off the request's thread: SQLite's "async" calls run
    /// synchronously, so the catch-up holds one pool thread however many reads wait for it.
    /// </summary>
    private Task Start() => Task.Run(() => _rollup.CatchUpBeforeReadAsync(CancellationToken.None));
}
