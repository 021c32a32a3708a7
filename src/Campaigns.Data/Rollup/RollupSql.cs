using Campaigns.Domain.Experiments;

namespace Campaigns.Data.Rollup;

/// <summary>
/// The rollup's business definitions, written once and spelled in each dialect by <see cref="RollupDialect"/>: what a
/// customer's row holds (counts, first times, days since the start, pre-period spend, tenure) and what a cell sums.
/// </summary>
public static class RollupSql
{
    /// <summary>Spend in this many days before the experiment starts is the customer's pre-period (CUPED's covariate).</summary>
    public const int PrePeriodDays = 30;

    /// <summary>The cell day of a customer never exposed (not counted) or never converted.</summary>
    public const int NoExposedDay = 0, NoConvertedDay = -1;

    private const string Start = "x.\"StartedAt\"", Conversions = "c.\"Conversions\"";
    private const string Exposure = """CASE WHEN e."Type" = 'Exposure' THEN e."OccurredAt" END""";
    private const string Conversion = """CASE WHEN e."Type" = 'Conversion' THEN e."OccurredAt" END""";

    /// <summary>
    /// One row per customer and experiment from the events <paramref name="where"/> selects. Arm, region, device and
    /// pre-period behaviour are fixed when a customer first appears. Tenure: returning if they bought before the start;
    /// new only if the store's orders reach back before the start at all, else unknown (a past campaign imported without
    /// its order history is not 64,000 new customers).
    /// </summary>
    public static string CustomerRows(RollupDialect d, string where) => d.Quote($"""
        SELECT e."ExperimentId", e."CustomerId", e."ArmId",
               SUM(CASE WHEN e."Type" = 'Exposure' THEN 1 ELSE 0 END),
               SUM(CASE WHEN e."Type" = 'Conversion' THEN 1 ELSE 0 END),
               {d.Float("""SUM(CASE WHEN e."Type" = 'Conversion' THEN e."Revenue" ELSE 0 END)""")},
               MIN({Exposure}),
               MIN({Conversion}),
               {d.WholeDaysBetween(Start, $"MIN({Exposure})")},
               {d.WholeDaysBetween(Start, $"MIN({Conversion})")},
               {d.Float($"""
                   COALESCE((SELECT SUM(o."Total") FROM "Orders" o WHERE o."CustomerId" = e."CustomerId"
                             AND o."PlacedAt" >= {d.DaysBefore(Start, PrePeriodDays)} AND o."PlacedAt" < x."StartedAt"), 0)
                   """)},
               cu."Region", cu."Device",
               CASE WHEN EXISTS (SELECT 1 FROM "Orders" o WHERE o."CustomerId" = e."CustomerId" AND o."PlacedAt" < x."StartedAt") THEN {(int)CustomerTenure.Returning}
                    WHEN EXISTS (SELECT 1 FROM "Orders" o WHERE o."PlacedAt" < x."StartedAt") THEN {(int)CustomerTenure.New} ELSE {(int)CustomerTenure.Unknown} END
        FROM "Events" e
        JOIN "Customers" cu ON cu."Id" = e."CustomerId"
        JOIN "Experiments" x ON x."Id" = e."ExperimentId"
        WHERE {where}
        GROUP BY e."ExperimentId", e."CustomerId", e."ArmId"{d.CustomerGroupBy}
        """);

    /// <summary>
    /// The sums of a cell (arm, segment, day of first exposure and of first conversion) over its exposed customers, each
    /// times <paramref name="sign"/> (SQLite moves customers between cells by taking their old rows out with −1).
    /// </summary>
    public static string CellRows(RollupDialect d, string join, string sign = "")
    {
        string Sum(string sql) => $"{sign}{sql}";
        return d.Quote($"""
            SELECT c."ExperimentId", c."ArmId", c."Region", c."Device", c."Tenure", COALESCE(c."FirstExposedDay", {NoExposedDay}), COALESCE(c."FirstConvertedDay", {NoConvertedDay}),
                   {Sum(d.CountAll)}, {Sum("""SUM(CASE WHEN c."Conversions" > 0 THEN 1 ELSE 0 END)""")}, {Sum($"""SUM({d.BigInt(Conversions)})""")}, {Sum($"""SUM({d.Float(Conversions)} * c."Conversions")""")},
                   {Sum("""SUM(c."Revenue")""")}, {Sum("""SUM(c."Revenue" * c."Revenue")""")}, {Sum("""SUM(c."Revenue" * c."Conversions")""")},
                   {Sum("""SUM(c."PreSpend")""")}, {Sum("""SUM(c."PreSpend" * c."PreSpend")""")}, {Sum("""SUM(c."Revenue" * c."PreSpend")""")},
                   {Sum("""SUM(CASE WHEN c."Conversions" > 0 THEN c."PreSpend" ELSE 0 END)""")}
            FROM "ExperimentCustomers" c
            {join}WHERE c."Exposures" > 0
            GROUP BY c."ExperimentId", c."ArmId", c."Region", c."Device", c."Tenure", COALESCE(c."FirstExposedDay", {NoExposedDay}), COALESCE(c."FirstConvertedDay", {NoConvertedDay})
            """);
    }

    public const string CustomerColumns = """
        INSERT INTO "ExperimentCustomers" ("ExperimentId", "CustomerId", "ArmId", "Exposures", "Conversions", "Revenue",
            "FirstExposedAt", "FirstConvertedAt", "FirstExposedDay", "FirstConvertedDay", "PreSpend", "Region", "Device", "Tenure")
        """;

    public const string CellColumns = """
        INSERT INTO "ExperimentCells" ("ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay", "Units", "Converters",
            "Orders", "Orders2", "Revenue", "Revenue2", "RevenueOrders", "Pre", "Pre2", "RevenuePre", "ConvertedPre")
        """;

    /// <summary>SQLite, incremental: the customers of the events with rowid in (@from, @to], added to their rows.</summary>
    public static readonly string SqliteUpsert = $"""
        {CustomerColumns}
        {CustomerRows(RollupDialect.Sqlite, """e.rowid > @from AND e.rowid <= @to AND e."ArmId" IS NOT NULL""")}
        ON CONFLICT ("ExperimentId", "CustomerId") DO UPDATE SET
            "Exposures" = "Exposures" + excluded."Exposures",
            "Conversions" = "Conversions" + excluded."Conversions",
            "Revenue" = "Revenue" + excluded."Revenue",
            "FirstExposedAt" = CASE WHEN "FirstExposedAt" IS NULL OR excluded."FirstExposedAt" < "FirstExposedAt" THEN excluded."FirstExposedAt" ELSE "FirstExposedAt" END,
            "FirstConvertedAt" = CASE WHEN "FirstConvertedAt" IS NULL OR excluded."FirstConvertedAt" < "FirstConvertedAt" THEN excluded."FirstConvertedAt" ELSE "FirstConvertedAt" END,
            "FirstExposedDay" = CASE WHEN "FirstExposedDay" IS NULL OR excluded."FirstExposedDay" < "FirstExposedDay" THEN excluded."FirstExposedDay" ELSE "FirstExposedDay" END,
            "FirstConvertedDay" = CASE WHEN "FirstConvertedDay" IS NULL OR excluded."FirstConvertedDay" < "FirstConvertedDay" THEN excluded."FirstConvertedDay" ELSE "FirstConvertedDay" END
        """;

    /// <summary>SQLite, incremental: the touched customers' cells, with @sign = −1 before their rows change and +1 after.</summary>
    public static readonly string SqliteCells = $"""
        {CellColumns}
        {CellRows(RollupDialect.Sqlite, "JOIN \"RollupTouched\" t ON t.\"ExperimentId\" = c.\"ExperimentId\" AND t.\"CustomerId\" = c.\"CustomerId\"\n", "@sign * ")}
        ON CONFLICT ("ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay") DO UPDATE SET
            "Units" = "Units" + excluded."Units", "Converters" = "Converters" + excluded."Converters",
            "Orders" = "Orders" + excluded."Orders", "Orders2" = "Orders2" + excluded."Orders2",
            "Revenue" = "Revenue" + excluded."Revenue", "Revenue2" = "Revenue2" + excluded."Revenue2",
            "RevenueOrders" = "RevenueOrders" + excluded."RevenueOrders", "Pre" = "Pre" + excluded."Pre", "Pre2" = "Pre2" + excluded."Pre2",
            "RevenuePre" = "RevenuePre" + excluded."RevenuePre", "ConvertedPre" = "ConvertedPre" + excluded."ConvertedPre";
        """;

    /// <summary>SQL Server: the whole rollup rebuilt from every event.</summary>
    public static readonly string SqlServerRebuild = $"""
        DELETE FROM [ExperimentCustomers];
        {RollupDialect.SqlServer.Quote(CustomerColumns)}
        {CustomerRows(RollupDialect.SqlServer, """e."ArmId" IS NOT NULL""")};
        DELETE FROM [ExperimentCells];
        {RollupDialect.SqlServer.Quote(CellColumns)}
        {CellRows(RollupDialect.SqlServer, "")};
        """;

    /// <summary>
    /// PostgreSQL: the whole rollup rebuilt from every event, as on SQL Server. Rebuilds take turns under a transaction's
    /// advisory lock (the job and a start-up seeding may meet): two at once would both insert every customer's row. The
    /// turn is waited for without the busy timeout, since a rebuild of a large store outlasts it.
    /// </summary>
    public static readonly string PostgresRebuild = $"""
        SET LOCAL lock_timeout = 0;
        SELECT pg_advisory_xact_lock({AdvisoryLocks.Rollup});
        DELETE FROM "ExperimentCustomers";
        {CustomerColumns}
        {CustomerRows(RollupDialect.Postgres, """e."ArmId" IS NOT NULL""")};
        DELETE FROM "ExperimentCells";
        {CellColumns}
        {CellRows(RollupDialect.Postgres, "")};
        """;
}
