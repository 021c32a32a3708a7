using Campaigns.Data.Rollup;
using Campaigns.Domain.Experiments;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

/// <summary>
/// Keeps <c>ExperimentCustomers</c> (one row per customer and experiment) and <c>ExperimentCells</c> (their sums by
/// arm, segment and day) up to date with the events table, so results read cells, not customers or events. On SQLite it reads only events appended since its watermark (the
/// table's rowid grows with every insert), a million at a time, each chunk and the new watermark committed
/// together. SQL Server and PostgreSQL rebuild the rollup in full, in one transaction, from the minutely job only
/// (<see cref="CatchUpBeforeReadAsync"/>). Both build their SQL from <see cref="RollupSql"/>'s one set of definitions.
/// </summary>
/// <param name="chunk">Events read per transaction on SQLite (tests use small chunks to cross chunk boundaries).</param>
public sealed class ExperimentRollup(IDbContextFactory<CampaignsDbContext> dbFactory, long chunk = 1_000_000)
{
    private const string Watermark = "events";

    /// <summary>
    /// What a results read calls first. On SQLite it catches up: incremental, and one query when nothing is new. On SQL
    /// Server and PostgreSQL the rollup is rebuilt in full, which reads every event, so only the minutely job rebuilds it and a read
    /// shows it as of that job (about a minute behind at most).
    /// </summary>
    public async Task CatchUpBeforeReadAsync(CancellationToken ct = default)
    {
        bool sqlite;
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) sqlite = db.Database.IsSqlite();
        if (sqlite) await CatchUpAsync(ct: ct);
    }

    /// <summary>Rolls up every event not yet rolled up; returns how many events were read.</summary>
    public async Task<long> CatchUpAsync(Func<double, Task>? progress = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (!db.Database.IsSqlite())
        {
            // One transaction: a results read sees the old rollup or the new one, never the table emptied half-way.
            await using var rebuild = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? RollupSql.PostgresRebuild : RollupSql.SqlServerRebuild, ct);
            // The watermark counts rebuilds here, so StampAsync moves with the content as on SQLite.
            var mark = await db.RollupWatermarks.SingleOrDefaultAsync(w => w.Name == Watermark, ct);
            if (mark is null) db.RollupWatermarks.Add(new RollupWatermark { Name = Watermark, Position = 1 });
            else mark.Position++;
            await db.SaveChangesAsync(ct);
            await rebuild.CommitAsync(ct);
            return await db.Events.LongCountAsync(ct);
        }

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

    private async Task<long> CatchUpChunksAsync(CampaignsDbContext db, long start, long last, Func<double, Task>? progress, CancellationToken ct)
    {
        var read = 0L;
        while (true)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Read under the write lock: another instance or thread may have moved it meanwhile.
            var from = await PositionAsync(db, ct);
            if (from >= last) break;
            var to = Math.Min(from + chunk, last);
            await db.Database.ExecuteSqlRawAsync(RollupSql.SqliteChunk, [new SqliteParameter("@from", from), new SqliteParameter("@to", to)], ct);
            await db.Database.ExecuteSqlRawAsync(RollupSql.SqliteCells, ct);
            await db.Database.ExecuteSqlRawAsync(RollupSql.SqliteCustomers, ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "RollupWatermarks" ("Name", "Position") VALUES (@name, @to)
                ON CONFLICT ("Name") DO UPDATE SET "Position" = excluded."Position"
                """, [new SqliteParameter("@name", Watermark), new SqliteParameter("@to", to)], ct);
            await tx.CommitAsync(ct);
            read += to - from;
            if (progress is not null) await progress(last == start ? 100 : 100.0 * (to - start) / (last - start));
        }
        return read;
    }

    /// <summary>
    /// A value that moves whenever the rollup's content does (and only then), for caches of figures read from it: the
    /// watermark, which SQLite moves with every chunk and the server databases' rebuild with every rebuild.
    /// </summary>
    public static async Task<string> StampAsync(CampaignsDbContext db, CancellationToken ct = default) =>
        (await PositionAsync(db, ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task<long> PositionAsync(CampaignsDbContext db, CancellationToken ct) =>
        db.RollupWatermarks.Where(w => w.Name == Watermark).Select(w => w.Position).FirstOrDefaultAsync(ct);
}
