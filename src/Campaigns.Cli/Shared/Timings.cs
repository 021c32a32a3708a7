namespace Campaigns.Cli;

internal static class Timings
{
    /// <summary>"median 12 ms, p95 30 ms, max 41 ms": nearest-rank percentiles of the benchmark's measurements.</summary>
    public static string Describe(IEnumerable<double> values, string unit = "ms", string format = "0")
    {
        var sorted = values.Order().ToArray();
        string P(double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))].ToString(format) + " " + unit;
        return $"median {P(0.5)}, p95 {P(0.95)}, max {P(1)}";
    }
}
