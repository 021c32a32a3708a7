namespace Campaigns.Benchmarks;

/// <summary>`campaigns-bench programme`: the programme's measurements by simulation: the programme effect against the global holdout, and the copy bandit.</summary>
internal static class ProgrammeBenchmark
{
    public static int Run(CommandOptions options)
    {
        ProgrammeEffectBenchmark.Run(options.Int("stores", 300), options.Int("customers", 50_000));
        BanditBenchmark.Run(options.Int("simulations", 500), options.Int("periods", 96), options.Int("per-period", 400));
        return 0;
    }
}
