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
        await ProgrammeDemoBenchmark.RunAsync(options.Int("demo-stores", 10), options.Int("demo-customers", 50_000), asOf);
        ProgrammeEffectBenchmark.Run(options.Int("stores", 300), options.Int("customers", 50_000));
        BanditBenchmark.Run(options.Int("simulations", 500), options.Int("periods", 96), options.Int("per-period", 400));
        return 0;
    }
}
