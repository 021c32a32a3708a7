using Campaigns.Data.Rollup;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Experiments;

/// <summary>
/// The rollup's definitions exist once (<see cref="RollupSql"/>) and each dialect only spells them. SQLite's cells are
/// checked against the definitions computed here in C# (PostgreSQL's too when the suite runs on it); SQL Server cannot
/// run here, so every dialect is checked to spell the same pre-period and tenure.
/// </summary>
public class ExperimentRollupDefinitionsTests(DemoDatabase store) : IClassFixture<DemoDatabase>
{
    private sealed record Row(Guid ExperimentId, Guid ArmId, string Region, int Device, int Tenure, int ExposedDay, int ConvertedDay, int Conversions, double Revenue, double Pre);

    [Fact]
    public async Task The_rollups_cells_are_the_definitions_computed_in_memory()
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
    public void Every_dialect_spells_the_same_pre_period_and_tenure()
    {
        foreach (var (dialect, statement) in new[] { (RollupDialect.Sqlite, RollupSql.SqliteChunk), (RollupDialect.Postgres, RollupSql.Postgres.Chunk), (RollupDialect.SqlServer, RollupSql.SqlServer.Chunk) })
        {
            var start = dialect.Quote("x.\"StartedAt\"");
            Assert.Contains(dialect.DaysBefore(start, RollupSql.PrePeriodDays), statement);
            Assert.Contains($"THEN {(int)CustomerTenure.Returning}", statement);
            Assert.Contains($"THEN {(int)CustomerTenure.New} ELSE {(int)CustomerTenure.Unknown} END", statement);
        }
    }
}
