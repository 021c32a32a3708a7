using Campaigns.Domain.Experiments;

namespace Campaigns.Data.Rollup;

/// <summary>
/// The rollup's business definitions, written once and spelled in each dialect by <see cref="RollupDialect"/>: what a
/// customer's row holds (counts, first times, days since the start, pre-period spend, tenure) and what a cell sums.
/// </summary>
public static partial class RollupSql
{
    /// <summary>Spend in this many days before the experiment starts is the customer's pre-period (CUPED's covariate).</summary>
    public const int PrePeriodDays = 30;

    /// <summary>The cell day of a customer never exposed (not counted) or never converted.</summary>
    public const int NoExposedDay = 0, NoConvertedDay = -1;

    private const string Start = "x.\"StartedAt\"", Conversions = "c.\"Conversions\"";
    private const string Exposure = """CASE WHEN e."Type" = 'Exposure' THEN e."OccurredAt" END""";
    private const string Conversion = """CASE WHEN e."Type" = 'Conversion' THEN e."OccurredAt" END""";

    // A customer's sums over the events of a group: exposures, conversions, revenue, first times and their days.
    private static string EventSums(RollupDialect d) => $"""
               {EventTotals(d)},
               {d.WholeDaysBetween(Start, $"MIN({Exposure})")},
               {d.WholeDaysBetween(Start, $"MIN({Conversion})")}
        """;

    // The sums without the days, which need the experiment's start.
    private static string EventTotals(RollupDialect d) => $"""
        SUM(CASE WHEN e."Type" = 'Exposure' THEN 1 ELSE 0 END),
               SUM(CASE WHEN e."Type" = 'Conversion' THEN 1 ELSE 0 END),
               {d.Float("""SUM(CASE WHEN e."Type" = 'Conversion' THEN e."Revenue" ELSE 0 END)""")},
               MIN({Exposure}),
               MIN({Conversion})
        """;

    // Spend in the pre-period of the customer whose id is the SQL expression customer.
    private static string PreSpend(RollupDialect d, string customer) => d.Float($"""
                   COALESCE((SELECT SUM(o."Total") FROM "Orders" o WHERE o."CustomerId" = {customer}
                             AND o."PlacedAt" >= {d.DaysBefore(Start, PrePeriodDays)} AND o."PlacedAt" < x."StartedAt"), 0)
                   """);

    private static string Tenure(string customer) => $"""
               CASE WHEN EXISTS (SELECT 1 FROM "Orders" o WHERE o."CustomerId" = {customer} AND o."PlacedAt" < x."StartedAt") THEN {(int)CustomerTenure.Returning}
                    WHEN EXISTS (SELECT 1 FROM "Orders" o WHERE o."PlacedAt" < x."StartedAt") THEN {(int)CustomerTenure.New} ELSE {(int)CustomerTenure.Unknown} END
        """;

    /// <summary>
    /// One row per customer and experiment from the events <paramref name="where"/> selects. Arm, region, device and
    /// pre-period behaviour are fixed when a customer first appears. Tenure: returning if they bought before the start;
    /// new only if the store's orders reach back before the start at all, else unknown (a past campaign imported without
    /// its order history is not 64,000 new customers).
    /// </summary>
    public static string CustomerRows(RollupDialect d, string where) => d.Quote($"""
        SELECT e."ExperimentId", e."CustomerId", e."ArmId",
               {EventSums(d)},
               {PreSpend(d, "e.\"CustomerId\"")},
               cu."Region", cu."Device",
               {Tenure("e.\"CustomerId\"")}
        FROM "Events" e
        JOIN "Customers" cu ON cu."Id" = e."CustomerId"
        JOIN "Experiments" x ON x."Id" = e."ExperimentId"
        WHERE {where}
        GROUP BY e."ExperimentId", e."CustomerId", e."ArmId"{d.CustomerGroupBy}
        """);

    /// <summary>
    /// The sums of a cell (arm, segment, day of first exposure and of first conversion) over the exposed customers of
    /// <paramref name="from"/> (aliased c, with <c>ExperimentCustomers</c>' columns), each weighted by
    /// <paramref name="weight"/> when given (SQLite moves customers between cells by weighting their old rows −1).
    /// </summary>
    public static string CellRows(RollupDialect d, string from = "\"ExperimentCustomers\" c", string? weight = null)
    {
        string Count() => weight is null ? d.CountAll : $"SUM({weight})";
        string Sum(string sql) => weight is null ? $"SUM({sql})" : $"SUM({weight} * {sql})";
        return d.Quote($"""
            SELECT c."ExperimentId", c."ArmId", c."Region", c."Device", c."Tenure", COALESCE(c."FirstExposedDay", {NoExposedDay}), COALESCE(c."FirstConvertedDay", {NoConvertedDay}),
                   {Count()}, {Sum("CASE WHEN c.\"Conversions\" > 0 THEN 1 ELSE 0 END")}, {Sum(d.BigInt(Conversions))}, {Sum($"{d.Float(Conversions)} * {Conversions}")},
                   {Sum("c.\"Revenue\"")}, {Sum("c.\"Revenue\" * c.\"Revenue\"")}, {Sum("c.\"Revenue\" * c.\"Conversions\"")},
                   {Sum("c.\"PreSpend\"")}, {Sum("c.\"PreSpend\" * c.\"PreSpend\"")}, {Sum("c.\"Revenue\" * c.\"PreSpend\"")},
                   {Sum("CASE WHEN c.\"Conversions\" > 0 THEN c.\"PreSpend\" ELSE 0 END")}
            FROM {from}
            WHERE c."Exposures" > 0
            GROUP BY c."ExperimentId", c."ArmId", c."Region", c."Device", c."Tenure", COALESCE(c."FirstExposedDay", {NoExposedDay}), COALESCE(c."FirstConvertedDay", {NoConvertedDay})
            """);
    }

    private const string CustomerColumnList = """
        "ExperimentId", "CustomerId", "ArmId", "Exposures", "Conversions", "Revenue",
            "FirstExposedAt", "FirstConvertedAt", "FirstExposedDay", "FirstConvertedDay", "PreSpend", "Region", "Device", "Tenure"
        """;

    public const string CustomerColumns = $"""
        INSERT INTO "ExperimentCustomers" ({CustomerColumnList})
        """;

    public const string CellColumns = """
        INSERT INTO "ExperimentCells" ("ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay", "Units", "Converters",
            "Orders", "Orders2", "Revenue", "Revenue2", "RevenueOrders", "Pre", "Pre2", "RevenuePre", "ConvertedPre")
        """;

    // The earlier of a customer's first time so far (o) and in the chunk (n, or the SQL expression chunk); null when neither has one.
    private static string Earlier(string column, string? chunk = null) =>
        $"""CASE WHEN o."{column}" IS NULL OR {chunk ??= $"n.\"{column}\""} < o."{column}" THEN {chunk} ELSE o."{column}" END AS "{column}" """;

    // The chunk's first day of the first time in column: counted after grouping, so the events are sorted without the start.
    private static string ChunkDay(string column) => RollupDialect.Sqlite.WholeDaysBetween(Start, $"n.\"{column}\"");

    // Fixed when the customer first appears (o.rowid is null): computed then, kept after.
    private static string First(string column, string sql) => $"""CASE WHEN o.rowid IS NULL THEN {sql} ELSE o."{column}" END AS "{column}" """;

    /// <summary>
    /// SQLite, incremental: each customer of the events with rowid in (@from, @to], with their row so far (its rowid in
    /// "Row", null if new; its cell's inputs in "Old…") and their row with the chunk added. <c>ExperimentCustomers</c> is
    /// read once, in key order; the pre-period and tenure lookups run for new customers only.
    /// </summary>
    public static readonly string SqliteChunk = $"""
        DROP TABLE IF EXISTS temp."RollupChunk";
        CREATE TEMP TABLE "RollupChunk" AS
        WITH n("ExperimentId", "CustomerId", "ArmId", "Exposures", "Conversions", "Revenue", "FirstExposedAt", "FirstConvertedAt") AS (
            SELECT e."ExperimentId", e."CustomerId", e."ArmId",
                   {EventTotals(RollupDialect.Sqlite)}
            FROM "Events" e
            WHERE e.rowid > @from AND e.rowid <= @to AND e."ArmId" IS NOT NULL
            GROUP BY e."ExperimentId", e."CustomerId", e."ArmId")
        SELECT o.rowid AS "Row", n."ExperimentId", n."CustomerId", {First("ArmId", "n.\"ArmId\"")},
               COALESCE(o."Exposures", 0) + n."Exposures" AS "Exposures", COALESCE(o."Conversions", 0) + n."Conversions" AS "Conversions",
               COALESCE(o."Revenue", 0) + n."Revenue" AS "Revenue",
               {Earlier("FirstExposedAt")}, {Earlier("FirstConvertedAt")}, {Earlier("FirstExposedDay", ChunkDay("FirstExposedAt"))}, {Earlier("FirstConvertedDay", ChunkDay("FirstConvertedAt"))},
               {First("PreSpend", PreSpend(RollupDialect.Sqlite, "n.\"CustomerId\""))},
               {First("Region", "cu.\"Region\"")}, {First("Device", "cu.\"Device\"")}, {First("Tenure", Tenure("n.\"CustomerId\""))},
               COALESCE(o."Exposures", 0) AS "OldExposures", o."Conversions" AS "OldConversions", o."Revenue" AS "OldRevenue",
               o."FirstExposedDay" AS "OldFirstExposedDay", o."FirstConvertedDay" AS "OldFirstConvertedDay"
        FROM n
        JOIN "Customers" cu ON cu."Id" = n."CustomerId"
        JOIN "Experiments" x ON x."Id" = n."ExperimentId"
        LEFT JOIN "ExperimentCustomers" o ON o."ExperimentId" = n."ExperimentId" AND o."CustomerId" = n."CustomerId";
        """;

    // A known customer stays in their cell with the same sums unless the chunk exposed them for the first time or
    // brought a conversion (a repeat exposure, the bulk of events, changes neither): only the others move.
    private const string Moves = """
        ("Row" IS NULL OR "OldExposures" = 0 OR "Conversions" <> "OldConversions" OR "FirstExposedDay" IS NOT "OldFirstExposedDay")
        """;

    /// <summary>SQLite, incremental: the chunk's customers move in their cells, their old rows weighted −1, their new +1.</summary>
    public static readonly string SqliteCells = $"""
        {CellColumns}
        {CellRows(RollupDialect.Sqlite, $"""
            (SELECT "ExperimentId", "ArmId", "Region", "Device", "Tenure", "Exposures", "Conversions", "Revenue", "PreSpend",
                    "FirstExposedDay", "FirstConvertedDay", 1 AS "Weight" FROM temp."RollupChunk" WHERE {Moves}
             UNION ALL
             SELECT "ExperimentId", "ArmId", "Region", "Device", "Tenure", "OldExposures", "OldConversions", "OldRevenue", "PreSpend",
                    "OldFirstExposedDay", "OldFirstConvertedDay", -1 FROM temp."RollupChunk" WHERE "Row" IS NOT NULL AND {Moves}) c
            """, "c.\"Weight\"")}
        ON CONFLICT ("ExperimentId", "ArmId", "Region", "Device", "Tenure", "ExposedDay", "ConvertedDay") DO UPDATE SET
            "Units" = "Units" + excluded."Units", "Converters" = "Converters" + excluded."Converters",
            "Orders" = "Orders" + excluded."Orders", "Orders2" = "Orders2" + excluded."Orders2",
            "Revenue" = "Revenue" + excluded."Revenue", "Revenue2" = "Revenue2" + excluded."Revenue2",
            "RevenueOrders" = "RevenueOrders" + excluded."RevenueOrders", "Pre" = "Pre" + excluded."Pre", "Pre2" = "Pre2" + excluded."Pre2",
            "RevenuePre" = "RevenuePre" + excluded."RevenuePre", "ConvertedPre" = "ConvertedPre" + excluded."ConvertedPre";
        DELETE FROM "ExperimentCells" WHERE "Units" = 0;
        """;

    /// <summary>
    /// SQLite, incremental: the chunk's customers written back, known ones by rowid (their key's index untouched, and
    /// the revenue index only for those who converted), new ones inserted.
    /// </summary>
    public static readonly string SqliteCustomers = $"""
        UPDATE "ExperimentCustomers" AS c SET "Exposures" = m."Exposures", "FirstExposedAt" = m."FirstExposedAt", "FirstExposedDay" = m."FirstExposedDay"
        FROM temp."RollupChunk" m WHERE c.rowid = m."Row" AND m."Conversions" = m."OldConversions";
        UPDATE "ExperimentCustomers" AS c SET "Exposures" = m."Exposures", "Conversions" = m."Conversions", "Revenue" = m."Revenue",
            "FirstExposedAt" = m."FirstExposedAt", "FirstConvertedAt" = m."FirstConvertedAt",
            "FirstExposedDay" = m."FirstExposedDay", "FirstConvertedDay" = m."FirstConvertedDay"
        FROM temp."RollupChunk" m WHERE c.rowid = m."Row" AND m."Conversions" <> m."OldConversions";
        {CustomerColumns}
        SELECT {CustomerColumnList} FROM temp."RollupChunk" WHERE "Row" IS NULL;
        DROP TABLE temp."RollupChunk";
        """;
}
