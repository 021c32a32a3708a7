namespace Campaigns.Benchmarks;

/// <summary>`campaigns-bench programme`: the programme's measurements by simulation (today the copy bandit's).</summary>
internal static class ProgrammeBenchmark
{
    public static int Run(CommandOptions options)
    {
        BanditBenchmark.Run(options.Int("simulations", 500), options.Int("periods", 96), options.Int("per-period", 400));
        return 0;
    }
}
