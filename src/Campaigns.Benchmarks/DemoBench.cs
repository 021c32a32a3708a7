using System.Globalization;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Benchmarks;

/// <summary>
/// The demo store a benchmark scores against the truth: seeded once (and rolled up) as of a fixed date, and the same
/// generator, seed and date rebuilt in memory, whose hidden segments give every customer's true response.
/// </summary>
internal sealed record DemoBench(CampaignsDbContext Db, DemoStoreGenerator Generator, int Customers, int Seed, DateTime AsOf)
{
    public static async Task<DemoBench> OpenAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var customers = options.Int("customers", 50_000);
        var seed = options.Int("seed", 42);
        var asOf = DateTime.SpecifyKind(DateTime.Parse(options.Value("as-of") ?? "2026-11-26", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var db = openDatabase(options);
        await db.MigrateAsync(migrateServer: true);
        if (await db.Customers.AnyAsync())
            Console.WriteLine("Using the store already in the database; it must have been seeded with the same --customers, --seed and --as-of.");
        else
        {
            await new DemoStoreSeeder(db).SeedAsync(customers, seed, asOf);
            await new ExperimentRollup(new ContextFactory(() => openDatabase(options))).CatchUpAsync();
        }
        var generator = new DemoStoreGenerator(seed, asOf);
        generator.Generate(customers);
        return new DemoBench(db, generator, customers, seed, asOf);
    }
}
