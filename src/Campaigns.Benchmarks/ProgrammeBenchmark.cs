using System.Globalization;

namespace Campaigns.Benchmarks;

/// <summary>
/// `campaigns-bench programme`: the programme's measurements: the programme report on demo stores with a global holdout
/// against the generator's truth, the programme effect on many simulated stores (coverage), and the copy bandit.
/// </summary>
internal static class ProgrammeBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options)
    {
        var asOf = DateTime.SpecifyKind(DateTime.Parse(options.Value("as-of") ?? "2026-11-26", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        // 0 skips a part.
        if (options.Count("demo-stores", 10) is > 0 and var demoStores)
            await ProgrammeDemoBenchmark.RunAsync(options.Int("first-seed", 1), demoStores, options.Int("demo-customers", 50_000), asOf);
        if (options.Count("stores", 300) is > 0 and var stores)
            ProgrammeEffectBenchmark.Run(stores, options.Int("customers", 50_000));
        if (options.Count("simulations", 500) is > 0 and var simulations)
            BanditBenchmark.Run(simulations, options.Int("periods", 96), options.Int("per-period", 400));
        return 0;
    }
}
