using System.Globalization;
using Campaigns.Application.Programme;
using Campaigns.Data;
using Campaigns.Data.Demo;

namespace Campaigns.Benchmarks;

/// <summary>
/// The demo-store part of `campaigns-bench programme`: demo stores generated with a 5% global holdout (the campaigns of
/// the last 125 days leave it out), each written to a SQLite file of its own and read by the app's programme report; its
/// 95% intervals since the holdout started are checked against the generator's true programme effect. Beyond coverage,
/// which a handful of stores measures coarsely, it reports the estimates' mean error (bias) and how their spread around
/// the truth compares with the standard error the report states (an interval too narrow shows as a ratio above 1).
/// </summary>
internal static class ProgrammeDemoBenchmark
{
    public static async Task RunAsync(int firstSeed, int stores, int customers, DateTime asOf)
    {
        var holdout = new DemoHoldout();
        Console.WriteLine($"Programme report on the demo store: {stores} stores (seeds {firstSeed}–{firstSeed + stores - 1}) of {customers:N0} customers as of {asOf:yyyy-MM-dd}, " +
            $"{holdout.Share:P0} global holdout from {holdout.DaysAgo} days before");
        var metrics = new[] { "orders", "revenue", "margin" };
        var covered = new int[metrics.Length];
        var significant = new int[metrics.Length];
        var errors = metrics.Select(_ => new List<double>()).ToArray();
        var standardErrors = metrics.Select(_ => new List<double>()).ToArray();
        for (var seed = firstSeed; seed < firstSeed + stores; seed++)
        {
            var file = Path.Combine(Path.GetTempPath(), $"campaigns-programme-bench-{seed}-{Guid.NewGuid():N}.db");
            var database = new DatabaseOptions { ConnectionString = $"Data Source={file}" };
            try
            {
                await using (var db = database.CreateContext())
                {
                    await db.MigrateAsync(migrateServer: true);
                    var generator = new DemoStoreGenerator(seed, asOf, holdout);
                    await new DemoStoreSeeder(db).WriteAsync(generator.Generate(customers));
                    var report = await new ProgrammeResults(new ContextFactory(database.CreateContext)).ReadAsync(asOf)
                        ?? throw new InvalidOperationException("The demo store's holdout did not start.");
                    var truth = generator.TrueProgrammeEffect();
                    var estimates = new[] { report.Cumulative.Orders, report.Cumulative.Revenue, report.Cumulative.Margin };
                    var truths = new[] { truth.Orders, truth.Revenue, truth.Margin };
                    var line = new List<string>();
                    for (var m = 0; m < metrics.Length; m++)
                    {
                        var e = estimates[m].PerCustomer;
                        if (e.Low <= truths[m] && truths[m] <= e.High) covered[m]++;
                        if (e.Low > 0) significant[m]++;
                        errors[m].Add(e.Value - truths[m]);
                        standardErrors[m].Add((e.High - e.Low) / (2 * 1.959964));
                        line.Add($"{metrics[m]} true {Format(truths[m])}, estimated {Format(e.Value)} ({Format(e.Low)} to {Format(e.High)})");
                    }
                    Console.WriteLine($"  seed {seed}: {truth.ProgrammeCustomers:N0} in the programme, {truth.HeldOutCustomers:N0} held out; per customer: {string.Join("; ", line)}");
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(file);
            }
        }
        for (var m = 0; m < metrics.Length; m++)
        {
            var bias = errors[m].Average();
            var spread = Math.Sqrt(errors[m].Sum(e => e * e) / stores);
            var biasError = stores > 1 ? Math.Sqrt(errors[m].Sum(e => (e - bias) * (e - bias)) / (stores - 1) / stores) : double.NaN;
            var stated = Math.Sqrt(standardErrors[m].Average(s => s * s));
            Console.WriteLine($"  {metrics[m]}: the 95% interval covered the true effect in {covered[m]}/{stores} stores; significantly positive in {significant[m]}/{stores}; " +
                $"mean error {Format(bias)} (standard error {biasError:0.000}); root mean square error {spread:0.000} against a stated standard error of {stated:0.000} (ratio {spread / stated:0.00})");
        }
    }

    private static string Format(double value) => value.ToString("+0.000;-0.000", CultureInfo.InvariantCulture);
}
