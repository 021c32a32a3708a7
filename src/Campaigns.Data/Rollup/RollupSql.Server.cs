namespace Campaigns.Data.Rollup;

public static partial class RollupSql
{
    /// <summary>
    /// A server database's incremental rollup (docs/decisions/0060). Events carry a stamp that grows with the writing
    /// transaction (PostgreSQL: its transaction id; SQL Server: a rowversion); <see cref="ServerStatements.Horizon"/> is a
    /// stamp below which no transaction is still running, so every event under it is final and none can appear later.
    /// A chunk is the events with a stamp in [@from, @to), both below the horizon.
    /// </summary>
    /// <param name="Horizon">The stamp below which every writing transaction has ended.</param>
    /// <param name="Target">The first stamp not yet handed out: every event committed so far is stamped below it.</param>
    /// <param name="Lock">One rollup per database at a time, held to the end of the chunk's transaction.</param>
    /// <param name="Next">The stamp of the event @chunk places after @from, below @horizon (none: the rest fits one chunk).</param>
    /// <param name="Count">Events with a stamp in [@from, @to).</param>
    /// <param name="Chunk">The chunk's customers merged with their rows so far, their cells moved, their rows written back.</param>
    public sealed record ServerStatements(string Horizon, string Target, string Lock, string Next, string Count, string Chunk);

    /// <summary>The events' stamp on PostgreSQL: the id of the transaction that inserted the row, filled in by its default.</summary>
    public const string TransactionIdColumn = "TransactionId", TransactionIdDefault = "(pg_current_xact_id()::text::bigint)";

    /// <summary>The events' stamp on SQL Server: a rowversion, given by the server on insert.</summary>
    public const string RowVersionColumn = "RowVersion";

    // A known customer's cell and sums change only if the chunk is their first exposure, brings a conversion or an
    // earlier first exposure (as SQLite's Moves, spelled for both servers).
    private const string ServerMoves = """
        ("Known" = 0 OR "OldExposures" = 0 OR "Conversions" <> "OldConversions"
         OR NOT ("FirstExposedDay" = "OldFirstExposedDay" OR ("FirstExposedDay" IS NULL AND "OldFirstExposedDay" IS NULL)))
        """;

    private static string ServerFirst(string column, string sql) => $"""CASE WHEN o."CustomerId" IS NULL THEN {sql} ELSE o."{column}" END AS "{column}" """;

    // The chunk's customers: their sums in the chunk (n) merged with their row so far (o), as SQLite's chunk does, with
    // "Known" for a customer who had a row.
    private static string ServerChunkRows(RollupDialect d, string stamp, string into = "") => $"""
        WITH n("ExperimentId", "CustomerId", "ArmId", "Exposures", "Conversions", "Revenue",
               "FirstExposedAt", "FirstConvertedAt", "FirstExposedDay", "FirstConvertedDay") AS (
            SELECT e."ExperimentId", e."CustomerId", e."ArmId",
                   {EventSums(d)}
            FROM "Events" e
            JOIN "Experiments" x ON x."Id" = e."ExperimentId"
            WHERE {stamp} AND e."ArmId" IS NOT NULL
            GROUP BY e."ExperimentId", e."CustomerId", e."ArmId", x."StartedAt")
        SELECT CASE WHEN o."CustomerId" IS NULL THEN 0 ELSE 1 END AS "Known", n."ExperimentId", n."CustomerId", {ServerFirst("ArmId", "n.\"ArmId\"")},
               COALESCE(o."Exposures", 0) + n."Exposures" AS "Exposures", COALESCE(o."Conversions", 0) + n."Conversions" AS "Conversions",
               COALESCE(o."Revenue", 0) + n."Revenue" AS "Revenue",
               {Earlier("FirstExposedAt")}, {Earlier("FirstConvertedAt")}, {Earlier("FirstExposedDay")}, {Earlier("FirstConvertedDay")},
               {ServerFirst("PreSpend", PreSpend(d, "n.\"CustomerId\""))},
               {ServerFirst("Region", "cu.\"Region\"")}, {ServerFirst("Device", "cu.\"Device\"")}, {ServerFirst("Tenure", Tenure("n.\"CustomerId\""))},
               COALESCE(o."Exposures", 0) AS "OldExposures", o."Conversions" AS "OldConversions", o."Revenue" AS "OldRevenue",
               o."FirstExposedDay" AS "OldFirstExposedDay", o."FirstConvertedDay" AS "OldFirstConvertedDay"
        {into}FROM n
        JOIN "Customers" cu ON cu."Id" = n."CustomerId"
        JOIN "Experiments" x ON x."Id" = n."ExperimentId"
        LEFT JOIN "ExperimentCustomers" o ON o."ExperimentId" = n."ExperimentId" AND o."CustomerId" = n."CustomerId"
        """;

    // The chunk's moved customers in their cells, new rows weighted +1 and old rows −1.
    private static string ServerMovedCells(RollupDialect d, string chunk) => CellRows(d, $"""
        (SELECT "ExperimentId", "ArmId", "Region", "Device", "Tenure", "Exposures", "Conversions", "Revenue", "PreSpend",
                "FirstExposedDay", "FirstConvertedDay", 1 AS "Weight" FROM {chunk} WHERE {ServerMoves}
         UNION ALL
         SELECT "ExperimentId", "ArmId", "Region", "Device", "Tenure", "OldExposures", "OldConversions", "OldRevenue", "PreSpend",
                "OldFirstExposedDay", "OldFirstConvertedDay", -1 FROM {chunk} WHERE "Known" = 1 AND {ServerMoves}) c
        """, "c.\"Weight\"");

    private static readonly string[] CellSums =
        ["Units", "Converters", "Orders", "Orders2", "Revenue", "Revenue2", "RevenueOrders", "Pre", "Pre2", "RevenuePre", "ConvertedPre"];

    private const string ChangedCustomer = """
        "Exposures" = m."Exposures", "Conversions" = m."Conversions", "Revenue" = m."Revenue",
            "FirstExposedAt" = m."FirstExposedAt", "FirstConvertedAt" = m."FirstConvertedAt",
            "FirstExposedDay" = m."FirstExposedDay", "FirstConvertedDay" = m."FirstConvertedDay"
        """;

    /// <summary>
    /// PostgreSQL. The stamp is the inserting transaction's id (64-bit, never wrapping); the horizon is the oldest
    /// transaction still running in the current snapshot, leaving out those running in another database of the server:
    /// transaction ids are the server's, and one long transaction elsewhere (another application's, or another test
    /// database's) held every event back (a background process without a database is kept). The lock is the advisory
    /// lock the full rebuild took, waited for (and the chunk's locks) without the busy timeout, since another
    /// instance's catch-up may outlast it.
    /// </summary>
    public static readonly ServerStatements Postgres = new(
        """
        SELECT COALESCE(
            (SELECT MIN(x::text::bigint) FROM pg_snapshot_xip(s) AS x
             WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                               WHERE a.datname <> current_database() AND a.backend_xid::text::bigint = x::text::bigint % 4294967296)),
            pg_snapshot_xmax(s)::text::bigint) AS "Value"
        FROM pg_current_snapshot() AS s
        """,
        """SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS "Value" """,
        $"SET LOCAL lock_timeout = 0; SELECT pg_advisory_xact_lock({AdvisoryLocks.Rollup});",
        $"""
        SELECT "{TransactionIdColumn}" AS "Value" FROM "Events" WHERE "{TransactionIdColumn}" >= @from AND "{TransactionIdColumn}" < @horizon
        ORDER BY "{TransactionIdColumn}" OFFSET @chunk LIMIT 1
        """,
        $"""SELECT COUNT(*) AS "Value" FROM "Events" WHERE "{TransactionIdColumn}" >= @from AND "{TransactionIdColumn}" < @to""",
        $"""
        CREATE TEMP TABLE "RollupChunk" ON COMMIT DROP AS
        {ServerChunkRows(RollupDialect.Postgres, $"e.\"{TransactionIdColumn}\" >= @from AND e.\"{TransactionIdColumn}\" < @to")};
        ANALYZE "RollupChunk";
        {CellColumns}
        {ServerMovedCells(RollupDialect.Postgres, "\"RollupChunk\"")}
        ON CONFLICT ("ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay") DO UPDATE SET
            {string.Join(", ", CellSums.Select(s => $"\"{s}\" = \"ExperimentCells\".\"{s}\" + excluded.\"{s}\""))};
        DELETE FROM "ExperimentCells" WHERE "Units" = 0;
        UPDATE "ExperimentCustomers" AS c SET {ChangedCustomer}
        FROM "RollupChunk" m WHERE m."Known" = 1 AND c."ExperimentId" = m."ExperimentId" AND c."CustomerId" = m."CustomerId";
        {CustomerColumns}
        SELECT {CustomerColumnList} FROM "RollupChunk" WHERE "Known" = 0;
        """);

    /// <summary>
    /// SQL Server. The stamp is a rowversion read as a bigint; the horizon is <c>MIN_ACTIVE_ROWVERSION()</c>, the lowest
    /// rowversion of a transaction still running. The lock is an application lock held by the transaction.
    /// </summary>
    public static readonly ServerStatements SqlServer = new(
        "SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) AS [Value]",
        "SELECT CAST(@@DBTS AS BIGINT) + 1 AS [Value]",
        "EXEC sp_getapplock @Resource = 'Campaigns.Rollup', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = -1;",
        $"""
        SELECT CAST([{RowVersionColumn}] AS BIGINT) AS [Value] FROM [Events]
        WHERE [{RowVersionColumn}] >= CAST(@from AS BINARY(8)) AND [{RowVersionColumn}] < CAST(@horizon AS BINARY(8))
        ORDER BY [{RowVersionColumn}] OFFSET @chunk ROWS FETCH NEXT 1 ROWS ONLY
        """,
        $"SELECT COUNT_BIG(*) AS [Value] FROM [Events] WHERE [{RowVersionColumn}] >= CAST(@from AS BINARY(8)) AND [{RowVersionColumn}] < CAST(@to AS BINARY(8))",
        RollupDialect.SqlServer.Quote($"""
        {ServerChunkRows(RollupDialect.SqlServer, $"e.\"{RowVersionColumn}\" >= CAST(@from AS BINARY(8)) AND e.\"{RowVersionColumn}\" < CAST(@to AS BINARY(8))", "INTO #RollupChunk ")};
        MERGE "ExperimentCells" WITH (HOLDLOCK) AS t
        USING ({ServerMovedCells(RollupDialect.SqlServer, "#RollupChunk")})
            AS s ("ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay", {string.Join(", ", CellSums.Select(s => $"\"{s}\""))})
        ON t."ExperimentId" = s."ExperimentId" AND t."ArmId" = s."ArmId" AND t."Region" = s."Region" AND t."Device" = s."Device"
           AND t."Tenure" = s."Tenure" AND t."ExposedDay" = s."ExposedDay" AND t."ConvertedDay" = s."ConvertedDay"
        WHEN MATCHED THEN UPDATE SET {string.Join(", ", CellSums.Select(s => $"\"{s}\" = t.\"{s}\" + s.\"{s}\""))}
        WHEN NOT MATCHED THEN INSERT ("ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay", {string.Join(", ", CellSums.Select(s => $"\"{s}\""))})
            VALUES (s."ExperimentId", s."ArmId", s."Region", s."Device", s."Tenure", s."ExposedDay", s."ConvertedDay", {string.Join(", ", CellSums.Select(s => $"s.\"{s}\""))});
        DELETE FROM "ExperimentCells" WHERE "Units" = 0;
        UPDATE c SET {ChangedCustomer}
        FROM "ExperimentCustomers" c JOIN #RollupChunk m ON c."ExperimentId" = m."ExperimentId" AND c."CustomerId" = m."CustomerId"
        WHERE m."Known" = 1;
        {CustomerColumns}
        SELECT {CustomerColumnList} FROM #RollupChunk WHERE "Known" = 0;
        DROP TABLE #RollupChunk;
        """));
}
