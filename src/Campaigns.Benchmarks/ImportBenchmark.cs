using System.Diagnostics;
using System.Globalization;
using Campaigns.Data;
using Campaigns.Domain.Imports;
using Campaigns.Imports;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench import`: imports customers and products, then N order lines (from --file, or a generated
/// file of ~3 lines per order), through the same engine as the CLI, wizard and API, into an empty database;
/// reports the order import's rate and, apart, the behaviour recomputation it triggers.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, Func<CommandOptions, CampaignsDbContext> openDatabase)
    {
        var lines = options.Int("lines", 1_000_000);
        var customers = options.Int("customers", 100_000);
        var products = options.Int("products", 2_000);
        var folder = Directory.CreateTempSubdirectory("campaigns-bench-import-").FullName;
        try
        {
            await using (var db = openDatabase(options))
            {
                await db.MigrateAsync(migrateServer: false);
                if (await db.Customers.AnyAsync() || await db.Orders.AnyAsync())
                    throw new ArgumentException("bench import needs an empty database: give --database a new file.");
            }
            var factory = new ContextFactory(() => openDatabase(options));
            var engine = new ImportEngine(factory);
            var rng = new Random(42);
            string customersFile = Path.Combine(folder, "customers.csv"), productsFile = Path.Combine(folder, "products.csv");
            await File.WriteAllLinesAsync(customersFile, ["customer_id,email,region", .. Enumerable.Range(1, customers).Select(i => $"C{i},c{i}@example.org,R{i % 12}")]);
            await File.WriteAllLinesAsync(productsFile, ["sku,name,category,price,cost", .. Enumerable.Range(1, products).Select(i => $"P{i},Product {i},Category {i % 12},{5 + i % 95}.99,{2 + i % 40}.50")]);
            await ImportAsync(engine, ImportKind.Customers, customersFile, "customers", new ImportSettings().BatchSize);
            await ImportAsync(engine, ImportKind.Products, productsFile, "products", new ImportSettings().BatchSize);

            var ordersFile = options.Value("file") ?? Path.Combine(folder, "orders.csv");
            if (options.Value("file") is null)
            {
                var clock = Stopwatch.StartNew();
                await using var writer = new StreamWriter(ordersFile);
                await writer.WriteLineAsync("order_id,customer_id,placed_at,sku,quantity,unit_price,discount,shipping");
                var start = new DateTime(2024, 1, 1);
                for (int written = 0, order = 1; written < lines; order++)
                {
                    var (customer, placed, count) = (rng.Next(1, customers + 1), start.AddMinutes(rng.Next(0, 60 * 24 * 700)), rng.Next(1, 6));
                    for (var l = 0; l < count && written < lines; l++, written++)
                    {
                        var product = rng.Next(1, products + 1);
                        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"O{order},C{customer},{placed:yyyy-MM-dd HH:mm},P{product},{rng.Next(1, 4)},{5 + product % 95}.99,{(rng.Next(5) == 0 ? "2.50" : "0")},4.95"));
                    }
                }
                Console.WriteLine($"Generated {lines:N0} order lines ({new FileInfo(ordersFile).Length / 1e6:0} MB) in {clock.Elapsed.TotalSeconds:0.0} s");
            }
            var summary = await ImportAsync(engine, ImportKind.Orders, ordersFile, "order lines", options.Int("batch", new ImportSettings().BatchSize));
            var importOnly = summary.Elapsed - summary.RecomputeElapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Orders: {summary.Rows:N0} lines in {importOnly.TotalSeconds:0.0} s ({summary.Rows / importOnly.TotalSeconds:N0} lines/s); " +
                $"behaviour of {summary.CustomersRecomputed:N0} touched customers recomputed in {summary.RecomputeElapsed.TotalSeconds:0.0} s more; " +
                $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
            return summary.Rejected == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ImportSummary> ImportAsync(ImportEngine engine, ImportKind kind, string path, string what, int batchSize)
    {
        var source = ImportSource.FromFile(path);
        var (_, mapping, reader) = ImportEngine.Preview(source, kind);
        reader.Dispose();
        var summary = await engine.RunAsync(source, new ImportSettings { Kind = kind, Mapping = mapping, BatchSize = batchSize }, new ImportRunOptions { User = "bench" });
        Console.WriteLine($"{what}: {summary} in {summary.Elapsed.TotalSeconds:0.0} s");
        return summary;
    }
}
