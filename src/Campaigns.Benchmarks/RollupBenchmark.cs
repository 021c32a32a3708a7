using System.Diagnostics;
using Campaigns.Data;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench rollup`: builds (once) the results benchmark's experiment at the given size, whose every
/// million-event chunk touches a million different customers (the rollup's worst case), then empties the rollup and
/// times catching up on all of it, a number of times. On PostgreSQL (`--provider Postgres`, an existing empty database)
/// it migrates the database first; the server's own CPU is not in the process's figure.
/// </summary>
internal static class RollupBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var customers = options.Int("customers", 1_000_000);
        var events = options.Int("events", 5_000_000);
        var runs = options.Int("runs", 1);
        await using (var db = openDatabase(options))
        {
            if (db.Database.IsSqlServer()) throw new ArgumentException("The rollup benchmark generates its data on SQLite or PostgreSQL, not SQL Server.");
            await ResultsBenchmark.FindOrGenerateAsync(db, customers, events);
        }
        for (var run = 1; run <= runs; run++)
        {
            await using (var db = openDatabase(options))
            {
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                await db.ExperimentCustomers.ExecuteDeleteAsync();
                await db.ExperimentCells.ExecuteDeleteAsync();
                await db.RollupWatermarks.ExecuteDeleteAsync();
            }
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var read = await new ExperimentRollup(new ContextFactory(() => openDatabase(options))).CatchUpAsync(
                p => { Console.Error.Write($"\rRolling up {p,5:0.0}%"); return Task.CompletedTask; });
            clock.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.Error.WriteLine();
            Console.WriteLine($"Run {run}: rolled up {read:N0} events in {clock.Elapsed.TotalSeconds:0.0} s: {read / clock.Elapsed.TotalSeconds:N0} events/s " +
                $"(CPU {cpu.TotalSeconds:0.0} s: {read / cpu.TotalSeconds:N0} events per CPU second; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        }
        return 0;
    }
}
