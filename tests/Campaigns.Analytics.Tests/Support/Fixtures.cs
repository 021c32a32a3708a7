using System.Text.Json;

namespace Campaigns.Analytics.Tests;

/// <summary>Reference values from fixtures/compute_fixtures.py (Python standard library, independent methods; see fixtures/README.md).</summary>
public static class Fixtures
{
    private static readonly Lazy<JsonElement> RootValue = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "fixtures.json"))).RootElement);

    public static JsonElement Root => RootValue.Value;

    public static IEnumerable<JsonElement> Cases(string name) => Root.GetProperty(name).EnumerateArray();

    public static double D(this JsonElement e, string name) => e.GetProperty(name).GetDouble();
    public static long L(this JsonElement e, string name) => (long)e.GetProperty(name).GetDouble();

    /// <summary>Relative agreement (with an absolute floor for values near zero).</summary>
    public static void Close(double expected, double actual, double relative = 1e-6, double absolute = 1e-12)
    {
        var tolerance = Math.Max(absolute, relative * Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R} (tolerance {tolerance:R})");
    }
}

/// <summary>Seeded normal draws (Box–Muller) for the simulation tests.</summary>
public sealed class Gaussian(int seed)
{
    private readonly Random _random = new(seed);

    public double Next(double mean = 0, double sd = 1)
    {
        var u = 1 - _random.NextDouble();
        var v = _random.NextDouble();
        return mean + sd * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    public bool Bernoulli(double p) => _random.NextDouble() < p;
}
