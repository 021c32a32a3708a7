using System.Diagnostics;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench results`: builds (once) an experiment of N customers and M events in a SQLite database,
/// times the rollup catching up, then — with --url, against the app running on the same database — times the
/// full results of the experiment as a Manager gets them from the API.
/// </summary>
internal static class ResultsBenchmark
{
    private const string CampaignName = "Benchmark: 10M customers";

    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var customers = options.Int("customers", 10_000_000);
        var events = options.Int("events", 50_000_000);
        await using var db = openDatabase(options);
        if (!db.Database.IsSqlite()) throw new ArgumentException("The results benchmark generates its data with SQLite SQL; point --database at a SQLite file.");

        var experiment = await FindOrGenerateAsync(db, customers, events);
        var rollupClock = Stopwatch.StartNew();
        var read = await new ExperimentRollup(new ContextFactory(() => openDatabase(options))).CatchUpAsync(
            p => { Console.Error.Write($"\rRolling up {p,5:0.0}%"); return Task.CompletedTask; });
        Console.Error.WriteLine();
        Console.WriteLine($"Rollup caught up on {read:N0} events in {rollupClock.Elapsed.TotalSeconds:0.0} s (background work, once per event)");
        Console.WriteLine($"Experiment {experiment.Id}");

        if (options.Value("url") is not { } url) return 0;
        using var http = await AppClient.SignInAsync(url, options.Value("email") ?? "manager@demo.local", options.Value("password") ?? throw new ArgumentException("--password is required with --url."));
        for (var run = 1; run <= 3; run++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync($"api/experiments/{experiment.Id}/results");
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            if (!response.IsSuccessStatusCode) throw new ArgumentException($"Results request failed: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
            Console.WriteLine($"Full results (4 metrics, SRM, power, guardrails, segments, daily lift), run {run}: {clock.Elapsed.TotalSeconds:0.00} s");
        }
        return 0;
    }

    /// <summary>
    /// The benchmark's experiment, generated on first use: the worst case for the rollup, since every million
    /// consecutive events belong to a million different customers (event i is customer i mod N's).
    /// </summary>
    internal static async Task<Experiment> FindOrGenerateAsync(CampaignsDbContext db, int customers, int events)
    {
        if (events < customers) throw new ArgumentException("--events must be at least --customers (every customer is exposed once).");
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        // A PostgreSQL benchmark database is migrated here too (the rollup benchmark runs on it).
        await db.MigrateAsync(migrateServer: db.Database.IsNpgsql());
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).FirstOrDefaultAsync(e => e.Name == CampaignName);
        if (experiment is not null) return experiment;
        var clock = Stopwatch.StartNew();
        experiment = await GenerateAsync(db, customers, events);
        Console.WriteLine($"Generated {customers:N0} customers and {events:N0} events in {clock.Elapsed.TotalSeconds:0} s");
        return experiment;
    }

    private static async Task<Experiment> GenerateAsync(CampaignsDbContext db, int customers, int events)
    {
        var start = DateTime.UtcNow.Date.AddDays(-14);
        var campaign = new Campaign
        {
            Name = CampaignName, CreatedBy = "benchmark", StartsAt = start, EndsAt = start.AddDays(28), Budget = 1_000_000,
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 10, Channel = Channel.Email }
        };
        campaign.RestoreStatus(CampaignStatus.Live);
        var experiment = new Experiment { CampaignId = campaign.Id, Name = CampaignName, Status = ExperimentStatus.Running, StartedAt = start };
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Control", Position = 0, Allocation = 0.5, IsControl = true });
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "10% off", Position = 1, Allocation = 0.5 });
        db.Campaigns.Add(campaign);
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();

        if (db.Database.IsNpgsql())
        {
            await GenerateOnPostgresAsync(db, experiment, customers, events, start);
            return experiment;
        }
        string U(Guid g) => g.ToString().ToUpperInvariant();
        // Generated inside SQLite (a recursive counter), a million rows per transaction: customers' ids are
        // synthetic GUIDs; even customers are in control. Every customer is exposed once, the remaining events are
        // repeat exposures, and ~5% (control) or ~5.6% (offer) of customers convert once, with revenue.
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        for (long from = 0; from < customers; from += 1_000_000)
            await ExecAsync(connection, $"""
                WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i < {Math.Min(customers, from + 1_000_000) - 1})
                INSERT INTO "Customers" ("Id", "ExternalId", "Region", "Device", "SignedUpAt", "EmailOptIn",
                    "Behaviour_AverageOrderValue", "Behaviour_DiscountShare", "Behaviour_Engagement", "Behaviour_OrderCount", "Behaviour_TotalSpend")
                SELECT printf('00000000-0000-4000-8000-%012X', i), 'B' || i,
                       CASE i % 6 WHEN 0 THEN 'North' WHEN 1 THEN 'South' WHEN 2 THEN 'East' WHEN 3 THEN 'West' WHEN 4 THEN 'Central' ELSE 'Capital' END,
                       i % 3, '2025-01-01 00:00:00', 1, 0, 0, 0, 0, 0
                FROM n
                """);
        var (control, offer) = (U(experiment.Arms[0].Id), U(experiment.Arms[1].Id));
        for (long from = 0; from < events; from += 1_000_000)
            await ExecAsync(connection, $"""
                WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i < {Math.Min(events, from + 1_000_000) - 1})
                INSERT INTO "Events" ("EventKey", "ArmId", "CustomerId", "ExperimentId", "OccurredAt", "Revenue", "Type")
                SELECT 'b-' || i,
                       CASE WHEN (i % {customers}) % 2 = 0 THEN '{control}' ELSE '{offer}' END,
                       printf('00000000-0000-4000-8000-%012X', i % {customers}),
                       '{U(experiment.Id)}',
                       strftime('%Y-%m-%d %H:%M:%S', '{start:yyyy-MM-dd}', '+' || ((i / {customers}) * 2 + (i % {customers}) % 3) || ' days'),
                       CASE WHEN c THEN 20 + (i % 97) ELSE 0 END,
                       CASE WHEN c THEN 'Conversion' ELSE 'Exposure' END
                FROM (SELECT i, i >= {customers} AND i < {2L * customers}
                             AND ((i * 2654435761) % 1000) < CASE WHEN (i % {customers}) % 2 = 0 THEN 50 ELSE 56 END AS c FROM n)
                """);
        return experiment;
    }

    // The same rows as the SQLite generator, in PostgreSQL's SQL, a million rows per transaction.
    private static async Task GenerateOnPostgresAsync(CampaignsDbContext db, Experiment experiment, int customers, int events, DateTime start)
    {
        const string Id = "('00000000-0000-4000-8000-' || lpad(to_hex({0}), 12, '0'))::uuid";
        for (long from = 0; from < customers; from += 1_000_000)
        {
            var insertCustomers = $"""
                INSERT INTO "Customers" ("Id", "ExternalId", "Region", "Device", "SignedUpAt", "EmailOptIn",
                    "Behaviour_AverageOrderValue", "Behaviour_DiscountShare", "Behaviour_Engagement", "Behaviour_ItemCount", "Behaviour_OrderCount", "Behaviour_TotalSpend")
                SELECT {string.Format(Id, "i")}, 'B' || i,
                       CASE i % 6 WHEN 0 THEN 'North' WHEN 1 THEN 'South' WHEN 2 THEN 'East' WHEN 3 THEN 'West' WHEN 4 THEN 'Central' ELSE 'Capital' END,
                       i % 3, TIMESTAMPTZ '2025-01-01 00:00:00+00', true, 0, 0, 0, 0, 0, 0
                FROM generate_series({from}::bigint, {Math.Min(customers, from + 1_000_000) - 1}) i
                """;
            await db.Database.ExecuteSqlRawAsync(insertCustomers);
        }
        for (long from = 0; from < events; from += 1_000_000)
        {
            var insertEvents = $"""
                INSERT INTO "Events" ("EventKey", "ArmId", "CustomerId", "ExperimentId", "OccurredAt", "Revenue", "Type")
                SELECT 'b-' || i,
                       CASE WHEN (i % {customers}) % 2 = 0 THEN '{experiment.Arms[0].Id}'::uuid ELSE '{experiment.Arms[1].Id}'::uuid END,
                       {string.Format(Id, $"i % {customers}")},
                       '{experiment.Id}'::uuid,
                       TIMESTAMPTZ '{start:yyyy-MM-dd} 00:00:00+00' + ((i / {customers}) * 2 + (i % {customers}) % 3) * INTERVAL '1 day',
                       CASE WHEN c THEN 20 + (i % 97) ELSE 0 END,
                       CASE WHEN c THEN 'Conversion' ELSE 'Exposure' END
                FROM (SELECT i, i >= {customers} AND i < {2L * customers}
                             AND ((i * 2654435761) % 1000) < CASE WHEN (i % {customers}) % 2 = 0 THEN 50 ELSE 56 END AS c
                      FROM generate_series({from}::bigint, {Math.Min(events, from + 1_000_000) - 1}) i) n
                """;
            await db.Database.ExecuteSqlRawAsync(insertEvents);
            Console.Error.Write(".");
        }
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var tx = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandTimeout = 0;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        Console.Error.Write(".");
    }
}
