using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data.Demo;

/// <summary>Writes a generated demo store into an empty database.</summary>
public sealed class DemoStoreSeeder(CampaignsDbContext db)
{
    public async Task<bool> IsStoreEmptyAsync(CancellationToken ct = default) => !await db.Customers.AnyAsync(ct);

    private async Task EnsureEmptyAsync(CancellationToken ct)
    {
        if (!await IsStoreEmptyAsync(ct))
            throw new InvalidOperationException("The store already has customers; the demo store is only seeded into an empty database.");
    }

    /// <remarks>Checks the database is empty before generating, which takes a while.</remarks>
    public async Task<SeedResult> SeedAsync(int customers, int seed = 42, DateTime? asOf = null,
        IProgress<(string Stage, double Percent)>? progress = null, DemoHoldout? holdout = null, CancellationToken ct = default)
    {
        if (customers <= 0) throw new ArgumentOutOfRangeException(nameof(customers), "Seed at least one customer.");
        await EnsureEmptyAsync(ct);
        var clock = Stopwatch.StartNew();
        progress?.Report(("Generating", 0));
        var written = await WriteAsync(new DemoStoreGenerator(seed, asOf ?? DateTime.UtcNow, holdout).Generate(customers), progress, ct);
        return written with { Elapsed = clock.Elapsed };
    }

    /// <summary>Writes a store already generated (a benchmark keeps its generator, which knows the truth).</summary>
    public async Task<SeedResult> WriteAsync(DemoStore store, IProgress<(string Stage, double Percent)>? progress = null, CancellationToken ct = default)
    {
        await EnsureEmptyAsync(ct);
        var clock = Stopwatch.StartNew();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var steps = new (string Stage, Func<Task> Write)[]
        {
            ("Catalogue", async () => { await db.BulkInsertAsync(store.Categories, ct); await db.BulkInsertAsync(store.Products, ct); }),
            ("Customers", () => db.BulkInsertAsync(store.Customers, ct)),
            ("Orders", () => db.BulkInsertAsync(store.Orders, ct)),
            ("Order lines", () => db.BulkInsertAsync(store.OrderLines, ct)),
            ("Campaigns", async () =>
            {
                await db.BulkInsertAsync(store.Campaigns, ct);
                await db.BulkInsertAsync(store.Experiments, ct);
                await db.BulkInsertAsync(store.Experiments.SelectMany(e => e.Arms), ct);
            }),
            ("Assignments", () => db.BulkInsertAsync(store.Assignments, ct)),
            ("Events", () => db.BulkInsertAsync(store.Events, ct)),
            ("Copy", () => db.BulkInsertAsync(store.Copy, ct)),
            ("Global holdout", async () => { await db.BulkInsertAsync(store.HoldoutPeriods, ct); await db.BulkInsertAsync(store.Qualifiers, ct); }),
        };
        for (var i = 0; i < steps.Length; i++)
        {
            progress?.Report((steps[i].Stage, 100.0 * i / steps.Length));
            await steps[i].Write();
        }
        await tx.CommitAsync(ct);
        progress?.Report(("Done", 100));
        return new SeedResult(store.Customers.Count, store.Products.Count, store.Orders.Count, store.OrderLines.Count,
            store.Campaigns.Count, store.Assignments.Count, store.Events.Count, store.Copy.Count, clock.Elapsed);
    }
}
