using Campaigns.Analytics;

namespace Campaigns.Benchmarks;

/// <summary>
/// The bandit part of `campaigns-bench programme`: a simulated copy test (arms with known conversion rates beside a
/// fixed holdout), customers arriving in 15-minute periods, re-weighted after each by Thompson sampling as the app's
/// job does, against uniform allocation on the same arrivals. Reports regret and whether the campaign's lift from the
/// holdout (all treated against the holdout) covers the lift of the allocation actually run, over repeated runs.
/// </summary>
internal static class BanditBenchmark
{
    private static readonly double[] Rates = [0.040, 0.045, 0.050, 0.060];
    private const double HoldoutRate = 0.035;
    private const double HoldoutShare = 0.10;

    public static void Run(int simulations, int periods, int perPeriod)
    {
        Console.WriteLine($"Bandit: {Rates.Length} copy arms (true rates {string.Join(", ", Rates.Select(r => r.ToString("P1")))}), holdout {HoldoutShare:P0} at {HoldoutRate:P1}; " +
            $"{periods} periods x {perPeriod:N0} customers, {simulations} simulations");
        double thompsonRegret = 0, uniformRegret = 0, stoppedAt = 0;
        int covered = 0, stopped = 0, bestChosen = 0;
        for (var s = 0; s < simulations; s++)
        {
            var thompson = Simulate(new Random(s), periods, perPeriod, adaptive: true);
            var uniform = Simulate(new Random(s), periods, perPeriod, adaptive: false);
            thompsonRegret += thompson.Regret;
            uniformRegret += uniform.Regret;
            if (thompson.Covered) covered++;
            if (thompson.StoppedAt is { } p) { stopped++; stoppedAt += p; if (thompson.Leader == Rates.Length - 1) bestChosen++; }
        }
        Console.WriteLine($"  mean regret (conversions lost against always sending the best arm): Thompson {thompsonRegret / simulations:N1}, uniform {uniformRegret / simulations:N1} " +
            $"({thompsonRegret / uniformRegret:P0} of uniform's)");
        Console.WriteLine($"  the holdout's 95% interval of the campaign's lift covered the lift of the allocation run in {covered}/{simulations} = {(double)covered / simulations:P1} of runs");
        Console.WriteLine($"  exploration stopped in {stopped}/{simulations} runs, after {(stopped > 0 ? stoppedAt / stopped : 0):N1} periods on average; the truly best arm chosen in {bestChosen}/{stopped}");
    }

    private sealed record Outcome(double Regret, bool Covered, int? StoppedAt, int Leader);

    private static Outcome Simulate(Random random, int periods, int perPeriod, bool adaptive)
    {
        var k = Rates.Length;
        var units = new long[k];
        var converters = new long[k];
        long holdoutUnits = 0, holdoutConverters = 0;
        var shares = Enumerable.Repeat(1.0 / k, k).ToArray();
        double regret = 0, expectedTreated = 0;
        int? stoppedAt = null;
        var leader = -1;
        for (var period = 0; period < periods; period++)
        {
            for (var c = 0; c < perPeriod; c++)
            {
                if (random.NextDouble() < HoldoutShare)
                {
                    holdoutUnits++;
                    if (random.NextDouble() < HoldoutRate) holdoutConverters++;
                    continue;
                }
                var arm = Pick(random, shares);
                units[arm]++;
                if (random.NextDouble() < Rates[arm]) converters[arm]++;
                regret += Rates[^1] - Rates[arm];
                expectedTreated += Rates[arm];
            }
            if (!adaptive || stoppedAt is not null) continue;
            var allocation = ThompsonSampling.Allocate(Enumerable.Range(0, k).Select(a => BetaPosterior.From(BetaPrior.Uniform, converters[a], units[a])).ToList());
            shares = allocation.Shares.ToArray();
            leader = allocation.Leader;
            if (allocation.Stopped) stoppedAt = period + 1;
        }
        var treatedUnits = units.Sum();
        var comparison = TwoProportionTest.Compare(holdoutConverters, holdoutUnits, converters.Sum(), treatedUnits);
        // The lift of the allocation actually run: the mean true rate of the arms the treated customers got, minus the holdout's.
        var truth = expectedTreated / treatedUnits - HoldoutRate;
        return new Outcome(regret, comparison.LiftLow <= truth && truth <= comparison.LiftHigh, stoppedAt, leader);
    }

    private static int Pick(Random random, double[] shares)
    {
        var u = random.NextDouble();
        for (var a = 0; a < shares.Length - 1; a++)
        {
            u -= shares[a];
            if (u < 0) return a;
        }
        return shares.Length - 1;
    }
}
