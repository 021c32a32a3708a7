using System.Diagnostics;
using Campaigns.Data.Rollup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

/// <summary>
/// Keeps <c>ExperimentCustomers</c> (one row per customer and experiment) and <c>ExperimentCells</c> (their sums by
/// arm, segment and day) up to date with the events table, so results read cells, not customers or events. It reads only
/// events appended since its watermark, a chunk at a time, each chunk and the new watermark committed together. On SQLite
/// the watermark is the events' rowid; on PostgreSQL and SQL Server a stamp of the writing transaction, read only below
/// the oldest transaction still running, since those commit out of order (<see cref="RollupSql.ServerStatements"/>).
/// Every provider builds its SQL from <see cref="RollupSql"/>'s one set of definitions.
/// </summary>
/// <param name="chunk">
/// Most events read per transaction (tests use small chunks to cross chunk boundaries). On SQLite chunks are sized to
/// hold the write lock about <see cref="SqliteLockTarget"/> each, up to this.
/// </param>
/// <param name="maxWait">
/// On server databases, how long a catch-up waits for the events committed before it to become final (default 5 s: a
/// later catch-up reads what a long transaction held back, and a longer wait would make the minutely job miss its turn).
/// </param>
public sealed class ExperimentRollup(IDbContextFactory<CampaignsDbContext> dbFactory, long chunk = 1_000_000, TimeSpan? maxWait = null)
{
    private const string Watermark = "events";
    private readonly TimeSpan _maxWait = maxWait ?? TimeSpan.FromSeconds(5);

    /// <summary>
    /// What a results read calls first: incremental on every provider, and one or two queries when nothing is new. On a
    /// server it waits at most <see cref="ReadWait"/> for transactions still running, so a long import holds up no page:
    /// their events show at a later read or the minutely job.
    /// </summary>
    public Task CatchUpBeforeReadAsync(CancellationToken ct = default) => CatchUpAsync(null, ReadWait < _maxWait ? ReadWait : _maxWait, ct);

    /// <summary>The longest a results read waits for writing transactions to end before it reads what is final.</summary>
    public static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A value that changes whenever the rollup's content does, on every provider: its watermark, which moves in the
    /// transaction of every chunk that changed it (and only then on server databases; SQLite's also moves past events
    /// without an arm). Caches of figures computed from the rollup key on it.
    /// </summary>
    public static async Task<string> StampAsync(CampaignsDbContext db, CancellationToken ct) =>
        (await PositionAsync(db, ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when more than <paramref name="events"/> events wait to be rolled up (two index lookups).</summary>
    public async Task<bool> IsBehindAsync(long events, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var position = await PositionAsync(db, ct);
        if (db.Database.IsSqlite())
            return await db.Database.SqlQueryRaw<long>("""SELECT COALESCE(MAX(rowid), 0) AS "Value" FROM "Events" """).SingleAsync(ct) - position > events;
        var sql = db.Database.IsNpgsql() ? RollupSql.Postgres : RollupSql.SqlServer;
        var target = await db.Database.SqlQueryRaw<long>(sql.Target).SingleAsync(ct);
        return await NextAsync(db, sql, position, target, events, ct) is not null;
    }

    /// <summary>Rolls up every event not yet rolled up; returns how many events were read.</summary>
    public Task<long> CatchUpAsync(Func<double, Task>? progress = null, CancellationToken ct = default) => CatchUpAsync(progress, _maxWait, ct);

    private async Task<long> CatchUpAsync(Func<double, Task>? progress, TimeSpan maxWait, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (!db.Database.IsSqlite()) return await CatchUpOnServerAsync(db, progress, maxWait, ct);

        var last = await db.Database.SqlQueryRaw<long>("""SELECT COALESCE(MAX(rowid), 0) AS "Value" FROM "Events" """).SingleAsync(ct);
        var start = await PositionAsync(db, ct);
        // Pages call this before every read: when nothing is new, take no write lock.
        if (start >= last) return 0;
        // A chunk's grouping sorts about 200 MB, past the page cache: its spills and the chunk's temp table stay in memory
        // instead of temp files. Only on this connection, and put back before it returns to the pool.
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA temp_store=MEMORY", ct);
        try
        {
            return await CatchUpChunksAsync(db, start, last, progress, ct);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA temp_store=DEFAULT", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// How long one SQLite chunk should hold the database's one write lock. Every other writer (ingestion, a sign-in's
    /// audit row, a save) waits for it, and fails after <c>Database:BusyTimeoutSeconds</c> (5 s): chunks of a million
    /// events held it 7 s, so sign-ins failed while a burst was rolled up.
    /// </summary>
    internal static readonly TimeSpan SqliteLockTarget = TimeSpan.FromSeconds(1);

    private const long FirstSqliteChunk = 100_000, SmallestSqliteChunk = 10_000;

    // A chunk is grouped outside the write lock and written back under it. The grouping only reads (in WAL mode a reader
    // holds up no writer) and fills a temp table, which takes no lock on the database; it is over half a chunk's time, so
    // every waiting writer gets the lock between two chunks without a pause (SQLite's busy handler polls every 100 ms).
    private async Task<long> CatchUpChunksAsync(CampaignsDbContext db, long start, long last, Func<double, Task>? progress, CancellationToken ct)
    {
        var read = 0L;
        var size = Math.Min(chunk, FirstSqliteChunk);
        while (true)
        {
            var from = await PositionAsync(db, ct);
            if (from >= last) break;
            var to = Math.Min(from + size, last);
            await db.Database.ExecuteSqlRawAsync(RollupSql.SqliteChunk, [new SqliteParameter("@from", from), new SqliteParameter("@to", to)], ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var locked = Stopwatch.StartNew();
            // The grouping added the chunk to the customers' sums as they stood at `from`: if another catch-up (a thread,
            // or the minutely job) moved the watermark meanwhile, those sums are stale; group again from where it is.
            if (await PositionAsync(db, ct) != from) continue;
            await db.Database.ExecuteSqlRawAsync(RollupSql.SqliteCells, ct);
            await db.Database.ExecuteSqlRawAsync(RollupSql.SqliteCustomers, ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "RollupWatermarks" ("Name", "Position") VALUES (@name, @to)
                ON CONFLICT ("Name") DO UPDATE SET "Position" = excluded."Position"
                """, [new SqliteParameter("@name", Watermark), new SqliteParameter("@to", to)], ct);
            await tx.CommitAsync(ct);
            read += to - from;
            // The next chunk as large as this one's pace under the lock fills the lock target in, within the configured chunk.
            var seconds = Math.Max(locked.Elapsed.TotalSeconds, 0.001);
            size = Math.Clamp((long)((to - from) * SqliteLockTarget.TotalSeconds / seconds), Math.Min(chunk, SmallestSqliteChunk), chunk);
            if (progress is not null) await progress(last == start ? 100 : 100.0 * (to - start) / (last - start));
        }
        return read;
    }

    private async Task<long> CatchUpOnServerAsync(CampaignsDbContext db, Func<double, Task>? progress, TimeSpan maxWait, CancellationToken ct)
    {
        var sql = db.Database.IsNpgsql() ? RollupSql.Postgres : RollupSql.SqlServer;
        var target = await db.Database.SqlQueryRaw<long>(sql.Target).SingleAsync(ct);
        var horizon = await HorizonAsync(db, sql, ct);
        var start = await PositionAsync(db, ct);
        // An event committed before this call but stamped above a transaction still running is not final yet: wait for
        // such transactions to end (ingestion's take milliseconds), at most maxWait; what is left waits for the next call.
        for (var wait = Stopwatch.StartNew(); horizon < target && wait.Elapsed < maxWait
             && await NextAsync(db, sql, Math.Max(start, horizon), target, 0, ct) is not null;)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(500, 10 + wait.ElapsedMilliseconds / 4)), ct);
            horizon = await HorizonAsync(db, sql, ct);
        }
        var read = 0L;
        while (true)
        {
            // Pages call this before every read: when nothing is new, take no lock and write nothing.
            if (await NextAsync(db, sql, await PositionAsync(db, ct), horizon, 0, ct) is null) break;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync(sql.Lock, ct);
            // Read under the lock: another instance may have moved it meanwhile.
            var from = await PositionAsync(db, ct);
            if (await NextAsync(db, sql, from, horizon, 0, ct) is null) break;
            // The chunk ends at the stamp of the event `chunk` places on, or at the horizon; a stamp is never split,
            // so one transaction's events always go in together.
            var to = await NextAsync(db, sql, from, horizon, chunk, ct) ?? horizon;
            if (to == from) to = from + 1;
            var count = await db.Database.SqlQueryRaw<long>(sql.Count, Parameter(db, "@from", from), Parameter(db, "@to", to)).SingleAsync(ct);
            await db.Database.ExecuteSqlRawAsync(sql.Chunk, [Parameter(db, "@from", from), Parameter(db, "@to", to)], ct);
            var watermark = await db.RollupWatermarks.SingleOrDefaultAsync(w => w.Name == Watermark, ct);
            if (watermark is null) db.RollupWatermarks.Add(new Domain.Experiments.RollupWatermark { Name = Watermark, Position = to });
            else watermark.Position = to;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            read += count;
            if (progress is not null) await progress(100.0 * (to - start) / Math.Max(1, horizon - start));
        }
        return read;
    }

    // Read in a statement of its own: every event stamped below it is committed or rolled back, and any event still to
    // come is stamped at or above it.
    private static Task<long> HorizonAsync(CampaignsDbContext db, RollupSql.ServerStatements sql, CancellationToken ct) =>
        db.Database.SqlQueryRaw<long>(sql.Horizon).SingleAsync(ct);

    // The stamp of the event `offset` places after `from` in stamp order, below the horizon; null if there is none.
    private static async Task<long?> NextAsync(CampaignsDbContext db, RollupSql.ServerStatements sql, long from, long horizon, long offset, CancellationToken ct)
    {
        var next = await db.Database.SqlQueryRaw<long>(sql.Next,
            Parameter(db, "@from", from), Parameter(db, "@horizon", horizon), Parameter(db, "@chunk", offset)).ToListAsync(ct);
        return next.Count == 0 ? null : next[0];
    }

    private static System.Data.Common.DbParameter Parameter(CampaignsDbContext db, string name, long value)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }

    private static Task<long> PositionAsync(CampaignsDbContext db, CancellationToken ct) =>
        db.RollupWatermarks.Where(w => w.Name == Watermark).Select(w => w.Position).FirstOrDefaultAsync(ct);
}
