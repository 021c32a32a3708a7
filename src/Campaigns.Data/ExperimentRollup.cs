using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

/// <summary>
/// Keeps <c>ExperimentCustomers</c> (one row per customer and experiment) and <c>ExperimentCells</c> (their sums by
/// arm, segment and day) up to date with the events table, so results read cells, not customers or events. On SQLite it reads only events appended since its watermark (the
/// table's rowid grows with every insert), a million at a time, each chunk and the new watermark committed
/// together. Other providers rebuild the rollup in full, in one transaction, from the minutely job only
/// (<see cref="CatchUpBeforeReadAsync"/>).
/// </summary>
public sealed class ExperimentRollup(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    private const string Watermark = "events";
    private const long Chunk = 1_000_000;

    // Customers' arm, region, device and pre-period behaviour are fixed when they first appear; later chunks add counts.
    // Tenure (CustomerTenure): returning if they bought before the start; new only if the store's orders reach back before
    // the start at all, else unknown (a past campaign imported without its order history is not 64,000 new customers).
    private const string SqliteUpsert = """
        INSERT INTO "ExperimentCustomers" ("ExperimentId", "CustomerId", "ArmId", "Exposures", "Conversions", "Revenue",
            "FirstExposedAt", "FirstConvertedAt", "FirstExposedDay", "FirstConvertedDay", "PreSpend", "Region", "Device", "Tenure")
        SELECT e."ExperimentId", e."CustomerId", e."ArmId",
               SUM(CASE WHEN e."Type" = 'Exposure' THEN 1 ELSE 0 END),
               SUM(CASE WHEN e."Type" = 'Conversion' THEN 1 ELSE 0 END),
               SUM(CASE WHEN e."Type" = 'Conversion' THEN e."Revenue" ELSE 0 END),
               MIN(CASE WHEN e."Type" = 'Exposure' THEN e."OccurredAt" END),
               MIN(CASE WHEN e."Type" = 'Conversion' THEN e."OccurredAt" END),
               CAST(julianday(MIN(CASE WHEN e."Type" = 'Exposure' THEN e."OccurredAt" END)) - julianday(x."StartedAt") AS INTEGER),
               CAST(julianday(MIN(CASE WHEN e."Type" = 'Conversion' THEN e."OccurredAt" END)) - julianday(x."StartedAt") AS INTEGER),
               COALESCE((SELECT SUM(o."Total") FROM "Orders" o WHERE o."CustomerId" = e."CustomerId"
                         AND o."PlacedAt" >= datetime(x."StartedAt", '-30 days') AND o."PlacedAt" < x."StartedAt"), 0),
               cu."Region", cu."Device",
               CASE WHEN EXISTS (SELECT 1 FROM "Orders" o WHERE o."CustomerId" = e."CustomerId" AND o."PlacedAt" < x."StartedAt") THEN 1
                    WHEN EXISTS (SELECT 1 FROM "Orders" o WHERE o."PlacedAt" < x."StartedAt") THEN 0 ELSE 2 END
        FROM "Events" e
        JOIN "Customers" cu ON cu."Id" = e."CustomerId"
        JOIN "Experiments" x ON x."Id" = e."ExperimentId"
        WHERE e.rowid > @from AND e.rowid <= @to AND e."ArmId" IS NOT NULL
        GROUP BY e."ExperimentId", e."CustomerId", e."ArmId"
        ON CONFLICT ("ExperimentId", "CustomerId") DO UPDATE SET
            "Exposures" = "Exposures" + excluded."Exposures",
            "Conversions" = "Conversions" + excluded."Conversions",
            "Revenue" = "Revenue" + excluded."Revenue",
            "FirstExposedAt" = CASE WHEN "FirstExposedAt" IS NULL OR excluded."FirstExposedAt" < "FirstExposedAt" THEN excluded."FirstExposedAt" ELSE "FirstExposedAt" END,
            "FirstConvertedAt" = CASE WHEN "FirstConvertedAt" IS NULL OR excluded."FirstConvertedAt" < "FirstConvertedAt" THEN excluded."FirstConvertedAt" ELSE "FirstConvertedAt" END,
            "FirstExposedDay" = CASE WHEN "FirstExposedDay" IS NULL OR excluded."FirstExposedDay" < "FirstExposedDay" THEN excluded."FirstExposedDay" ELSE "FirstExposedDay" END,
            "FirstConvertedDay" = CASE WHEN "FirstConvertedDay" IS NULL OR excluded."FirstConvertedDay" < "FirstConvertedDay" THEN excluded."FirstConvertedDay" ELSE "FirstConvertedDay" END
        """;

    // Cells move with their customers: a chunk first takes the touched customers' old rows out of their cells,
    // rolls the events up, then puts the new rows in (@sign = -1, then +1).
    private const string SqliteTouched = """
        CREATE TEMP TABLE IF NOT EXISTS "RollupTouched" ("ExperimentId" TEXT NOT NULL, "CustomerId" TEXT NOT NULL,
            PRIMARY KEY ("ExperimentId", "CustomerId")) WITHOUT ROWID;
        DELETE FROM "RollupTouched";
        INSERT OR IGNORE INTO "RollupTouched" SELECT "ExperimentId", "CustomerId" FROM "Events"
        WHERE rowid > @from AND rowid <= @to AND "ArmId" IS NOT NULL;
        """;

    private const string SqliteCells = """
        INSERT INTO "ExperimentCells" ("ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay", "Units", "Converters", "Orders", "Orders2", "Revenue", "Revenue2", "RevenueOrders", "Pre", "Pre2", "RevenuePre", "ConvertedPre")
        SELECT c."ExperimentId", c."ArmId", c."Region", c."Device", c."Tenure", COALESCE(c."FirstExposedDay", 0), COALESCE(c."FirstConvertedDay", -1),
               @sign * COUNT(*), @sign * SUM(CASE WHEN c."Conversions" > 0 THEN 1 ELSE 0 END), @sign * SUM(c."Conversions"), @sign * SUM(c."Conversions" * c."Conversions"),
               @sign * SUM(c."Revenue"), @sign * SUM(c."Revenue" * c."Revenue"), @sign * SUM(c."Revenue" * c."Conversions"),
               @sign * SUM(c."PreSpend"), @sign * SUM(c."PreSpend" * c."PreSpend"), @sign * SUM(c."Revenue" * c."PreSpend"),
               @sign * SUM(CASE WHEN c."Conversions" > 0 THEN c."PreSpend" ELSE 0 END)
        FROM "ExperimentCustomers" c
        JOIN "RollupTouched" t ON t."ExperimentId" = c."ExperimentId" AND t."CustomerId" = c."CustomerId"
        WHERE c."Exposures" > 0
        GROUP BY c."ExperimentId", c."ArmId", c."Region", c."Device", c."Tenure", COALESCE(c."FirstExposedDay", 0), COALESCE(c."FirstConvertedDay", -1)
        ON CONFLICT ("ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay") DO UPDATE SET
            "Units" = "Units" + excluded."Units", "Converters" = "Converters" + excluded."Converters",
            "Orders" = "Orders" + excluded."Orders", "Orders2" = "Orders2" + excluded."Orders2",
            "Revenue" = "Revenue" + excluded."Revenue", "Revenue2" = "Revenue2" + excluded."Revenue2",
            "RevenueOrders" = "RevenueOrders" + excluded."RevenueOrders", "Pre" = "Pre" + excluded."Pre", "Pre2" = "Pre2" + excluded."Pre2",
            "RevenuePre" = "RevenuePre" + excluded."RevenuePre", "ConvertedPre" = "ConvertedPre" + excluded."ConvertedPre";
        """;

    private const string SqlServerRebuild = """
        DELETE FROM [ExperimentCustomers];
        INSERT INTO [ExperimentCustomers] ([ExperimentId], [CustomerId], [ArmId], [Exposures], [Conversions], [Revenue],
            [FirstExposedAt], [FirstConvertedAt], [FirstExposedDay], [FirstConvertedDay], [PreSpend], [Region], [Device], [Tenure])
        SELECT e.[ExperimentId], e.[CustomerId], e.[ArmId],
               SUM(CASE WHEN e.[Type] = 'Exposure' THEN 1 ELSE 0 END),
               SUM(CASE WHEN e.[Type] = 'Conversion' THEN 1 ELSE 0 END),
               CAST(SUM(CASE WHEN e.[Type] = 'Conversion' THEN e.[Revenue] ELSE 0 END) AS FLOAT),
               MIN(CASE WHEN e.[Type] = 'Exposure' THEN e.[OccurredAt] END),
               MIN(CASE WHEN e.[Type] = 'Conversion' THEN e.[OccurredAt] END),
               -- Whole 24-hour periods since the start, as SQLite's julianday difference counts them (DATEDIFF(day) counts midnights).
               CAST(DATEDIFF_BIG(second, x.[StartedAt], MIN(CASE WHEN e.[Type] = 'Exposure' THEN e.[OccurredAt] END)) / 86400 AS INT),
               CAST(DATEDIFF_BIG(second, x.[StartedAt], MIN(CASE WHEN e.[Type] = 'Conversion' THEN e.[OccurredAt] END)) / 86400 AS INT),
               CAST(COALESCE((SELECT SUM(o.[Total]) FROM [Orders] o WHERE o.[CustomerId] = e.[CustomerId]
                         AND o.[PlacedAt] >= DATEADD(day, -30, x.[StartedAt]) AND o.[PlacedAt] < x.[StartedAt]), 0) AS FLOAT),
               cu.[Region], cu.[Device],
               CASE WHEN EXISTS (SELECT 1 FROM [Orders] o WHERE o.[CustomerId] = e.[CustomerId] AND o.[PlacedAt] < x.[StartedAt]) THEN 1
                    WHEN EXISTS (SELECT 1 FROM [Orders] o WHERE o.[PlacedAt] < x.[StartedAt]) THEN 0 ELSE 2 END
        FROM [Events] e
        JOIN [Customers] cu ON cu.[Id] = e.[CustomerId]
        JOIN [Experiments] x ON x.[Id] = e.[ExperimentId]
        WHERE e.[ArmId] IS NOT NULL
        GROUP BY e.[ExperimentId], e.[CustomerId], e.[ArmId], cu.[Region], cu.[Device], x.[StartedAt];
        DELETE FROM [ExperimentCells];
        INSERT INTO [ExperimentCells] ([ExperimentId], [ArmId], [Region], [Device], [Tenure], [ExposedDay], [ConvertedDay], [Units], [Converters],
            [Orders], [Orders2], [Revenue], [Revenue2], [RevenueOrders], [Pre], [Pre2], [RevenuePre], [ConvertedPre])
        SELECT c.[ExperimentId], c.[ArmId], c.[Region], c.[Device], c.[Tenure], COALESCE(c.[FirstExposedDay], 0), COALESCE(c.[FirstConvertedDay], -1),
               COUNT_BIG(*), SUM(CASE WHEN c.[Conversions] > 0 THEN 1 ELSE 0 END), SUM(CAST(c.[Conversions] AS BIGINT)), SUM(CAST(c.[Conversions] AS FLOAT) * c.[Conversions]),
               SUM(c.[Revenue]), SUM(c.[Revenue] * c.[Revenue]), SUM(c.[Revenue] * c.[Conversions]),
               SUM(c.[PreSpend]), SUM(c.[PreSpend] * c.[PreSpend]), SUM(c.[Revenue] * c.[PreSpend]), SUM(CASE WHEN c.[Conversions] > 0 THEN c.[PreSpend] ELSE 0 END)
        FROM [ExperimentCustomers] c
        WHERE c.[Exposures] > 0
        GROUP BY c.[ExperimentId], c.[ArmId], c.[Region], c.[Device], c.[Tenure], COALESCE(c.[FirstExposedDay], 0), COALESCE(c.[FirstConvertedDay], -1);
        """;

    /// <summary>
    /// What a results read calls first. On SQLite it catches up: incremental, and one query when nothing is new. On SQL
    /// Server the rollup is rebuilt in full, which reads every event, so only the minutely job rebuilds it and a read
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
            await db.Database.ExecuteSqlRawAsync(SqlServerRebuild, ct);
            await rebuild.CommitAsync(ct);
            return await db.Events.LongCountAsync(ct);
        }

        var last = await db.Database.SqlQueryRaw<long>("""SELECT COALESCE(MAX(rowid), 0) AS "Value" FROM "Events" """).SingleAsync(ct);
        var start = await PositionAsync(db, ct);
        // Pages call this before every read: when nothing is new, take no write lock.
        if (start >= last) return 0;
        var read = 0L;
        while (true)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Read under the write lock: another instance or thread may have moved it meanwhile.
            var from = await PositionAsync(db, ct);
            if (from >= last) break;
            var to = Math.Min(from + Chunk, last);
            await db.Database.ExecuteSqlRawAsync(SqliteTouched, [new SqliteParameter("@from", from), new SqliteParameter("@to", to)], ct);
            await db.Database.ExecuteSqlRawAsync(SqliteCells, [new SqliteParameter("@sign", -1)], ct);
            await db.Database.ExecuteSqlRawAsync(SqliteUpsert, [new SqliteParameter("@from", from), new SqliteParameter("@to", to)], ct);
            await db.Database.ExecuteSqlRawAsync(SqliteCells, [new SqliteParameter("@sign", 1)], ct);
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "ExperimentCells" WHERE "Units" = 0""", ct);
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

    private static Task<long> PositionAsync(CampaignsDbContext db, CancellationToken ct) =>
        db.RollupWatermarks.Where(w => w.Name == Watermark).Select(w => w.Position).FirstOrDefaultAsync(ct);
}
