using Campaigns.Data;
using Campaigns.Domain.Auditing;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Experiments;

public class ExperimentRollupTests(DemoDatabase store) : IClassFixture<DemoDatabase>
{
    private ExperimentRollup Rollup => new(new ContextFactory(store.Open));

    private static async Task<List<string>> SnapshotAsync(CampaignsDbContext db) =>
        (await db.ExperimentCustomers.AsNoTracking().ToListAsync())
        .Select(c => $"{c.ExperimentId}|{c.CustomerId}|{c.ArmId}|{c.Exposures}|{c.Conversions}|{c.Revenue:0.####}|{c.FirstExposedAt:O}|{c.FirstConvertedAt:O}|{c.FirstExposedDay}|{c.FirstConvertedDay}|{c.PreSpend:0.####}|{c.Region}|{c.Device}|{c.Tenure}")
        .Order().ToList();

    private static async Task<List<string>> CellsAsync(CampaignsDbContext db) =>
        (await db.ExperimentCells.AsNoTracking().ToListAsync())
        .Select(c => $"{c.ExperimentId}|{c.ArmId}|{c.Region}|{c.Device}|{c.Tenure}|{c.ExposedDay}|{c.ConvertedDay}|{c.Units}|{c.Converters}|{c.Orders}|{c.Revenue:0.###}|{c.Revenue2:0.#}|{c.Pre:0.###}|{c.RevenuePre:0.#}")
        .Order().ToList();

    [Fact]
    public async Task Rolling_up_new_events_incrementally_gives_the_same_rows_as_rolling_up_everything_again()
    {
        await using (var db = store.Open())
        {
            // New events after the first rollup: a conversion for an already rolled-up customer, and a new exposure.
            var assignment = await db.Assignments.AsNoTracking().FirstAsync();
            db.Events.AddRange(
                new ExperimentEvent { EventKey = "late-conversion", ExperimentId = assignment.ExperimentId, CustomerId = assignment.CustomerId, ArmId = assignment.ArmId, Type = EventType.Conversion, OccurredAt = DateTime.UtcNow, Revenue = 12.5m },
                new ExperimentEvent { EventKey = "late-exposure", ExperimentId = assignment.ExperimentId, CustomerId = assignment.CustomerId, ArmId = assignment.ArmId, Type = EventType.Exposure, OccurredAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await Rollup.CatchUpAsync();
        List<string> incremental, incrementalCells;
        await using (var db = store.Open())
        {
            incremental = await SnapshotAsync(db);
            incrementalCells = await CellsAsync(db);
            Assert.Contains(incremental, row => row.Contains("|12.5|"));
        }

        await using (var db = store.Open())
        {
            await db.ExperimentCustomers.ExecuteDeleteAsync();
            await db.ExperimentCells.ExecuteDeleteAsync();
            await db.RollupWatermarks.ExecuteDeleteAsync();
        }
        await Rollup.CatchUpAsync();
        await using (var db = store.Open())
        {
            Assert.Equal(incremental, await SnapshotAsync(db));
            Assert.Equal(incrementalCells, await CellsAsync(db));
            Assert.Equal(await db.Events.Where(e => e.ArmId != null).Select(e => new { e.ExperimentId, e.CustomerId }).Distinct().CountAsync(), await db.ExperimentCustomers.CountAsync());
        }
    }

    [Fact]
    public async Task Rolling_up_in_many_small_chunks_gives_the_same_rows_and_cells_as_one_rebuild()
    {
        await using (var db = store.Open())
        {
            // Customers whose later events land in other chunks: a repeat exposure, a conversion, and an exposure before
            // any other (which moves them to an earlier cell), interleaved across customers.
            var assignments = await db.Assignments.AsNoTracking().OrderBy(a => a.CustomerId).Take(40).ToListAsync();
            var at = DateTime.UtcNow;
            // One transaction a round: a server database's chunks never split a transaction's events.
            for (var round = 0; round < 3; round++)
            {
                db.Events.AddRange(assignments.Select((a, i) => new ExperimentEvent
                {
                    EventKey = $"span-{round}-{i}", ExperimentId = a.ExperimentId, CustomerId = a.CustomerId, ArmId = a.ArmId,
                    Type = round == 1 && i % 2 == 0 ? EventType.Conversion : EventType.Exposure,
                    OccurredAt = round == 2 && i % 3 == 0 ? at.AddYears(-1) : at.AddDays(round), Revenue = round == 1 && i % 2 == 0 ? 10 + i : 0,
                }));
                await db.SaveChangesAsync();
            }
        }
        await ResetAsync();
        var chunks = 0;
        Assert.True(await new ExperimentRollup(new ContextFactory(store.Open), chunk: 97).CatchUpAsync(_ => { chunks++; return Task.CompletedTask; }) > 97 * 3);
        Assert.True(chunks >= 4, $"{chunks} chunks");
        List<string> incremental, incrementalCells;
        await using (var db = store.Open())
        {
            incremental = await SnapshotAsync(db);
            incrementalCells = await CellsAsync(db);
        }

        await ResetAsync();
        await Rollup.CatchUpAsync();
        await using (var db = store.Open())
        {
            Assert.Equal(incremental, await SnapshotAsync(db));
            Assert.Equal(incrementalCells, await CellsAsync(db));
        }
    }

    [Fact]
    public async Task Catch_ups_running_at_once_read_every_event_once_and_give_the_rows_and_cells_of_one()
    {
        await Rollup.CatchUpAsync();
        List<string> one, oneCells;
        await using (var db = store.Open())
        {
            one = await SnapshotAsync(db);
            oneCells = await CellsAsync(db);
        }
        await ResetAsync();
        long events;
        await using (var db = store.Open()) events = await db.Events.CountAsync(e => e.ArmId != null);

        // Small chunks, four at once: one groups a chunk while another writes one back, so most find the watermark moved
        // under the lock and group again from where it is (a chunk grouped on stale sums would count its customers twice).
        var read = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new ExperimentRollup(new ContextFactory(store.Open), chunk: 53).CatchUpAsync())));
        Assert.Equal(events, read.Sum());
        await using (var db = store.Open())
        {
            Assert.Equal(one, await SnapshotAsync(db));
            Assert.Equal(oneCells, await CellsAsync(db));
        }
    }

    [Fact]
    public async Task Catching_up_keeps_its_temp_store_setting_off_the_pooled_connection_it_hands_back()
    {
        await using (var db = store.Open())
        {
            if (!db.Database.IsSqlite()) return;
            var assignment = await db.Assignments.AsNoTracking().FirstAsync();
            db.Events.Add(new ExperimentEvent { EventKey = "pragma-exposure", ExperimentId = assignment.ExperimentId, CustomerId = assignment.CustomerId, ArmId = assignment.ArmId, Type = EventType.Exposure, OccurredAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await Rollup.CatchUpAsync());
        await using (var db = store.Open())
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("""SELECT temp_store AS "Value" FROM pragma_temp_store""").SingleAsync());
    }

    [Fact]
    public async Task Events_committed_out_of_order_are_each_rolled_up_once_and_only_when_final()
    {
        // SQLite has one writer at a time, so its transactions cannot commit out of order.
        if (TestDatabase.Provider == DatabaseProvider.Sqlite) return;
        await Rollup.CatchUpAsync();
        Assignment assignment;
        int exposures;
        string stamp;
        await using (var db = store.Open())
        {
            assignment = await db.Assignments.AsNoTracking().OrderBy(a => a.CustomerId).Skip(7).FirstAsync();
            exposures = await ExposuresAsync(db, assignment);
            stamp = await ExperimentRollup.StampAsync(db, CancellationToken.None);
        }
        ExperimentEvent Exposure(string key) => new()
        {
            EventKey = key, ExperimentId = assignment.ExperimentId, CustomerId = assignment.CustomerId, ArmId = assignment.ArmId,
            Type = EventType.Exposure, OccurredAt = DateTime.UtcNow,
        };

        // The earlier transaction writes first and commits last: an id or a time watermark taken between the two commits
        // would pass the earlier one's event for good.
        await using var earlier = store.Open();
        await using var earlierTx = await earlier.Database.BeginTransactionAsync();
        earlier.Events.Add(Exposure("out-of-order-earlier"));
        await earlier.SaveChangesAsync();
        await using (var later = store.Open())
        {
            await using var laterTx = await later.Database.BeginTransactionAsync();
            later.Events.Add(Exposure("out-of-order-later"));
            await later.SaveChangesAsync();
            await laterTx.CommitAsync();
        }
        await new ExperimentRollup(new ContextFactory(store.Open), maxWait: TimeSpan.FromSeconds(1)).CatchUpAsync();
        await using (var db = store.Open())
        {
            // The later event is committed, but below it a transaction still runs: neither is final, so nothing moved.
            Assert.Equal(exposures, await ExposuresAsync(db, assignment));
            Assert.Equal(stamp, await ExperimentRollup.StampAsync(db, CancellationToken.None));
        }

        await earlierTx.CommitAsync();
        await Rollup.CatchUpAsync();
        await Rollup.CatchUpAsync();
        List<string> incremental, incrementalCells;
        await using (var db = store.Open())
        {
            Assert.Equal(exposures + 2, await ExposuresAsync(db, assignment));
            Assert.NotEqual(stamp, await ExperimentRollup.StampAsync(db, CancellationToken.None));
            incremental = await SnapshotAsync(db);
            incrementalCells = await CellsAsync(db);
        }

        await ResetAsync();
        await Rollup.CatchUpAsync();
        await using (var db = store.Open())
        {
            Assert.Equal(incremental, await SnapshotAsync(db));
            Assert.Equal(incrementalCells, await CellsAsync(db));
        }
    }

    [Fact]
    public async Task A_transaction_running_in_another_database_of_the_server_holds_no_event_back()
    {
        // A SQLite database is a file of its own; a PostgreSQL server's transaction ids are shared by its databases.
        if (TestDatabase.Provider == DatabaseProvider.Sqlite) return;
        await Rollup.CatchUpAsync();
        Assignment assignment;
        int exposures;
        await using (var db = store.Open())
        {
            assignment = await db.Assignments.AsNoTracking().OrderBy(a => a.CustomerId).Skip(11).FirstAsync();
            exposures = await ExposuresAsync(db, assignment);
        }

        // Another database's transaction takes an id and stays open (as another application's or test's would).
        await using var elsewhere = new Npgsql.NpgsqlConnection(TestDatabase.Server);
        await elsewhere.OpenAsync();
        await using var elsewhereTx = await elsewhere.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand("SELECT pg_current_xact_id()", elsewhere, elsewhereTx))
            await command.ExecuteScalarAsync();
        await using (var db = store.Open())
        {
            db.Events.Add(new ExperimentEvent
            {
                EventKey = "while-elsewhere-runs", ExperimentId = assignment.ExperimentId, CustomerId = assignment.CustomerId,
                ArmId = assignment.ArmId, Type = EventType.Exposure, OccurredAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await new ExperimentRollup(new ContextFactory(store.Open), maxWait: TimeSpan.FromSeconds(1)).CatchUpAsync();
        await using (var db = store.Open())
            Assert.Equal(exposures + 1, await ExposuresAsync(db, assignment));
    }

    [Fact]
    public async Task Writers_waiting_behind_a_large_sqlite_catch_up_get_the_lock_within_their_busy_timeout()
    {
        // SQLite only: its one write lock is what a catch-up holds.
        if (TestDatabase.Provider != DatabaseProvider.Sqlite) return;
        await Rollup.CatchUpAsync();
        string connection;
        await using (var db = store.Open())
        {
            connection = db.Database.GetConnectionString()!;
            // A backlog of 30 times the store's events: several seconds of rollup, which one chunk used to hold the lock for.
            await db.Database.ExecuteSqlRawAsync("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
                INSERT INTO "Events" ("EventKey", "ExperimentId", "CustomerId", "ArmId", "Type", "OccurredAt", "Revenue")
                SELECT 'backlog-' || n.i || '-' || e.rowid, e."ExperimentId", e."CustomerId", e."ArmId", e."Type", e."OccurredAt", e."Revenue"
                FROM "Events" e, n WHERE e."ArmId" IS NOT NULL
                """);
        }
        var writer = new DatabaseOptions { ConnectionString = connection, BusyTimeoutSeconds = 3 };
        var catchUp = Task.Run(() => Rollup.CatchUpAsync());
        var (writes, refused) = (0, new List<string>());
        while (!catchUp.IsCompleted)
        {
            await using var db = writer.CreateContext();
            db.AuditLog.Add(new AuditEntry { User = "test", Action = "rollup.wait", EntityType = "Test", EntityId = $"{writes++}" });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException ex)
            {
                refused.Add(ex.InnerException?.Message ?? ex.Message);
            }
            await Task.Delay(50);
        }
        Assert.True(await catchUp > 100_000);
        Assert.True(writes > 3, $"only {writes} writes were tried during the catch-up");
        Assert.Empty(refused);
    }

    [Fact]
    public async Task The_stamp_stays_when_nothing_is_new_and_moves_when_the_rollup_does()
    {
        await Rollup.CatchUpAsync();
        string stamp;
        await using (var db = store.Open()) stamp = await ExperimentRollup.StampAsync(db, CancellationToken.None);
        Assert.Equal(0, await Rollup.CatchUpAsync());
        await using (var db = store.Open())
        {
            Assert.Equal(stamp, await ExperimentRollup.StampAsync(db, CancellationToken.None));
            var assignment = await db.Assignments.AsNoTracking().OrderBy(a => a.CustomerId).Skip(11).FirstAsync();
            db.Events.Add(new ExperimentEvent
            {
                EventKey = "stamp-conversion", ExperimentId = assignment.ExperimentId, CustomerId = assignment.CustomerId, ArmId = assignment.ArmId,
                Type = EventType.Conversion, OccurredAt = DateTime.UtcNow, Revenue = 3,
            });
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await Rollup.CatchUpAsync());
        await using (var db = store.Open()) Assert.NotEqual(stamp, await ExperimentRollup.StampAsync(db, CancellationToken.None));
    }

    private static Task<int> ExposuresAsync(CampaignsDbContext db, Assignment a) =>
        db.ExperimentCustomers.Where(c => c.ExperimentId == a.ExperimentId && c.CustomerId == a.CustomerId).Select(c => c.Exposures).SingleOrDefaultAsync();

    private async Task ResetAsync()
    {
        await using var db = store.Open();
        await db.ExperimentCustomers.ExecuteDeleteAsync();
        await db.ExperimentCells.ExecuteDeleteAsync();
        await db.RollupWatermarks.ExecuteDeleteAsync();
    }
}
