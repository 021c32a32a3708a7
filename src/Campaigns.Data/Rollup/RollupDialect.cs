using System.Text.RegularExpressions;

namespace Campaigns.Data.Rollup;

/// <summary>
/// What differs between the SQL dialects the rollup runs on, and nothing else: quoting, whole days between two times,
/// a time some days earlier, and the casts the server databases need to sum in 64 bits and in floating point.
/// </summary>
public sealed partial record RollupDialect(string Name, Func<string, string> Quote, Func<string, string, string> WholeDaysBetween,
    Func<string, int, string> DaysBefore, Func<string, string> Float, Func<string, string> BigInt, string CountAll, string CustomerGroupBy)
{
    public static readonly RollupDialect Sqlite = new("SQLite", sql => sql,
        (from, to) => $"CAST(julianday({to}) - julianday({from}) AS INTEGER)",
        (time, days) => $"datetime({time}, '-{days} days')",
        sql => sql, sql => sql, "COUNT(*)", "");

    // Whole 24-hour periods since the start, as SQLite's julianday difference counts them (DATEDIFF(day) counts midnights).
    // SQL Server groups by every column it selects; the customer's and the experiment's are one per group anyway.
    public static readonly RollupDialect SqlServer = new("SQL Server", sql => DoubleQuoted().Replace(sql, "[$1]"),
        (from, to) => $"CAST(DATEDIFF_BIG(second, {from}, {to}) / 86400 AS INT)",
        (time, days) => $"DATEADD(day, -{days}, {time})",
        sql => $"CAST({sql} AS FLOAT)", sql => $"CAST({sql} AS BIGINT)", "COUNT_BIG(*)", ", cu.\"Region\", cu.\"Device\", x.\"StartedAt\"");

    // Whole 24-hour periods as above; PostgreSQL groups by every column it selects, like SQL Server (it infers only from primary keys of grouped tables).
    public static readonly RollupDialect Postgres = new("PostgreSQL", sql => sql,
        (from, to) => $"CAST(TRUNC(EXTRACT(EPOCH FROM ({to} - {from})) / 86400) AS INTEGER)",
        (time, days) => $"({time} - INTERVAL '{days} days')",
        sql => $"CAST({sql} AS DOUBLE PRECISION)", sql => $"CAST({sql} AS BIGINT)", "COUNT(*)", ", cu.\"Region\", cu.\"Device\", x.\"StartedAt\"");

    [GeneratedRegex("\"(\\w+)\"")]
    private static partial Regex DoubleQuoted();
}
