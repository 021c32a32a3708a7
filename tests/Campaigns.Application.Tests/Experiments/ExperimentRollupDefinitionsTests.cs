using System.Text.RegularExpressions;
using Campaigns.Data.Rollup;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Experiments;

/// <summary>
/// The rollup's definitions exist once (<see cref="RollupSql"/>) and each dialect only spells them. SQLite's cells are
/// checked against the definitions computed here in C#; SQL Server cannot run here, so its statement is pinned to the
/// one it ran before the definitions were shared, and both dialects are checked to spell the same pre-period and tenure.
/// </summary>
public partial class ExperimentRollupDefinitionsTests(DemoDatabase store) : IClassFixture<DemoDatabase>
{
    private sealed record Row(Guid ExperimentId, Guid ArmId, string Region, int Device, int Tenure, int ExposedDay, int ConvertedDay, int Conversions, double Revenue, double Pre);

    [Fact]
    public async Task The_sqlite_rollups_cells_are_the_definitions_computed_in_memory()
    {
        await using var db = store.Open();
        var events = await db.Events.AsNoTracking().Where(e => e.ArmId != null).ToListAsync();
        var starts = await db.Experiments.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.StartedAt);
        var customers = await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => (c.Region, Device: (int)c.Device));
        var orders = (await db.Orders.AsNoTracking().Select(o => new { o.CustomerId, o.PlacedAt, o.Total }).ToListAsync()).ToLookup(o => o.CustomerId);
        var firstOrder = orders.SelectMany(o => o).Min(o => (DateTime?)o.PlacedAt);

        // A customer's row: counts, whole days from the start to the first exposure and conversion, spend in the 30 days
        // before the start, and tenure (returning if they bought before it, new if the store's orders reach back before it).
        static int? Days(DateTime? start, DateTime? at) => start is { } s && at is { } a ? (int)Math.Truncate((a - s).TotalDays) : null;
        var rows = events.GroupBy(e => (e.ExperimentId, e.CustomerId, ArmId: e.ArmId!.Value)).Select(g =>
        {
            var start = starts[g.Key.ExperimentId];
            var exposures = g.Where(e => e.Type == EventType.Exposure).ToList();
            var conversions = g.Where(e => e.Type == EventType.Conversion).ToList();
            var theirs = orders[g.Key.CustomerId].Where(o => o.PlacedAt < start).ToList();
            var tenure = theirs.Count > 0 ? CustomerTenure.Returning : firstOrder < start ? CustomerTenure.New : CustomerTenure.Unknown;
            var pre = theirs.Where(o => o.PlacedAt >= start!.Value.AddDays(-RollupSql.PrePeriodDays)).Sum(o => (double)o.Total);
            var (region, device) = customers[g.Key.CustomerId];
            return (Exposed: exposures.Count > 0, Row: new Row(g.Key.ExperimentId, g.Key.ArmId, region, device, (int)tenure,
                Days(start, exposures.Min(e => (DateTime?)e.OccurredAt)) ?? 0, Days(start, conversions.Min(e => (DateTime?)e.OccurredAt)) ?? -1,
                conversions.Count, conversions.Sum(e => (double)e.Revenue), pre));
        }).Where(r => r.Exposed).Select(r => r.Row).ToList();
        var expected = rows.GroupBy(r => (r.ExperimentId, r.ArmId, r.Region, r.Device, r.Tenure, r.ExposedDay, r.ConvertedDay))
            .ToDictionary(g => g.Key, g => new[]
            {
                g.Count(), g.Count(r => r.Conversions > 0), g.Sum(r => r.Conversions), g.Sum(r => (double)r.Conversions * r.Conversions),
                g.Sum(r => r.Revenue), g.Sum(r => r.Revenue * r.Revenue), g.Sum(r => r.Revenue * r.Conversions),
                g.Sum(r => r.Pre), g.Sum(r => r.Pre * r.Pre), g.Sum(r => r.Revenue * r.Pre), g.Where(r => r.Conversions > 0).Sum(r => r.Pre),
            });

        var cells = await db.ExperimentCells.AsNoTracking().ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, cells.Count);
        foreach (var c in cells)
        {
            var e = expected[(c.ExperimentId, c.ArmId, c.Region, (int)c.Device, (int)c.Tenure, c.ExposedDay, c.ConvertedDay)];
            double[] actual = [c.Units, c.Converters, c.Orders, c.Orders2, c.Revenue, c.Revenue2, c.RevenueOrders, c.Pre, c.Pre2, c.RevenuePre, c.ConvertedPre];
            for (var i = 0; i < e.Length; i++) Assert.Equal(e[i], actual[i], 1e-6 * Math.Max(1, Math.Abs(e[i])));
        }
        Assert.Contains(cells, c => c.Pre > 0);
        Assert.Contains(cells, c => c.Tenure == CustomerTenure.Returning);
    }

    [Fact]
    public void Both_dialects_spell_the_same_pre_period_and_tenure()
    {
        foreach (var (dialect, statement) in new[] { (RollupDialect.Sqlite, RollupSql.SqliteChunk), (RollupDialect.SqlServer, RollupSql.SqlServerRebuild) })
        {
            var start = dialect.Quote("x.\"StartedAt\"");
            Assert.Contains(dialect.DaysBefore(start, RollupSql.PrePeriodDays), statement);
            Assert.Contains($"THEN {(int)CustomerTenure.Returning}", statement);
            Assert.Contains($"THEN {(int)CustomerTenure.New} ELSE {(int)CustomerTenure.Unknown} END", statement);
        }
    }

    [Fact]
    public void The_sql_server_rebuild_is_the_statement_it_ran_before_the_definitions_were_shared() =>
        Assert.Equal(Normalized(PinnedSqlServerRebuild), Normalized(RollupSql.SqlServerRebuild));

    private static string Normalized(string sql) => Whitespace().Replace(Comment().Replace(sql, ""), " ").Replace("( ", "(").Replace(" )", ")").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("--[^\n]*")]
    private static partial Regex Comment();

    private const string PinnedSqlServerRebuild = """
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
}
