using Campaigns.Analytics;
using Campaigns.Analytics.Programme;

namespace Campaigns.Benchmarks;

/// <summary>
/// The programme-effect part of `campaigns-bench programme`: simulated stores whose customers buy at their own rates
/// (gamma-distributed, baskets log-normal), a 5% global holdout, and a programme that raises the purchase rate of some
/// customers by a known amount; each store read as the programme report reads it (CUPED on the pre-period spend) and
/// the 95% interval checked against the true expected effect on the programme's customers.
/// </summary>
internal static class ProgrammeEffectBenchmark
{
    private const double HoldoutShare = 0.05, BasketMean = 80, BasketSigma = 0.6;

    public static void Run(int simulations, int customers)
    {
        Console.WriteLine($"Programme effect: {simulations} simulated stores of {customers:N0} customers, {HoldoutShare:P0} global holdout; " +
            "60% of customers respond with +10% to +40% orders, the rest not at all; 90-day pre-period as CUPED's covariate");
        int covered = 0, significant = 0;
        double bias = 0, reduction = 0, width = 0;
        for (var s = 0; s < simulations; s++)
        {
            var random = new Random(1000 + s);
            var (programme, holdout) = (new Sums(), new Sums());
            double trueEffect = 0;
            for (var i = 0; i < customers; i++)
            {
                var rate = Gamma(random, 0.8) * 1.2;
                var lift = random.NextDouble() < 0.6 ? 0.1 + 0.3 * random.NextDouble() : 0;
                var pre = Spend(random, rate);
                if (random.NextDouble() < HoldoutShare) holdout.Add(Spend(random, rate), pre);
                else
                {
                    programme.Add(Spend(random, rate * (1 + lift)), pre);
                    trueEffect += rate * lift * BasketMean;
                }
            }
            trueEffect /= programme.N;
            var estimate = ProgrammeEffect.Estimate(programme.Summary(), holdout.Summary());
            if (estimate.PerCustomer.Low <= trueEffect && trueEffect <= estimate.PerCustomer.High) covered++;
            if (estimate.PerCustomer.Low > 0) significant++;
            bias += estimate.PerCustomer.Value - trueEffect;
            reduction += estimate.VarianceReductionPercent;
            width += estimate.PerCustomer.High - estimate.PerCustomer.Low;
        }
        Console.WriteLine($"  the report's 95% interval of the effect per customer covered the true effect in {covered}/{simulations} = {(double)covered / simulations:P1} of stores; " +
            $"mean error {bias / simulations:+0.000;-0.000} per customer, mean interval width {width / simulations:0.00}, CUPED variance reduction {reduction / simulations:0}%; " +
            $"effect significantly positive in {significant}/{simulations}");
    }

    /// <summary>Spend over 90 days: Poisson(rate) orders of log-normal baskets with mean <see cref="BasketMean"/>.</summary>
    private static double Spend(Random random, double rate)
    {
        var total = 0.0;
        for (var k = Poisson(random, rate); k > 0; k--)
            total += BasketMean * Math.Exp(BasketSigma * Normal.Quantile(random.NextDouble() * 0.999998 + 0.000001) - BasketSigma * BasketSigma / 2);
        return total;
    }

    private static int Poisson(Random random, double mean)
    {
        var (limit, product, k) = (Math.Exp(-mean), random.NextDouble(), 0);
        while (product > limit) { product *= random.NextDouble(); k++; }
        return k;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (shape below 1 through the boost U^(1/shape)).</summary>
    private static double Gamma(Random random, double shape)
    {
        if (shape < 1) return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            var x = Normal.Quantile(random.NextDouble() * 0.999998 + 0.000001);
            var v = Math.Pow(1 + c * x, 3);
            if (v > 0 && Math.Log(random.NextDouble()) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    private sealed class Sums
    {
        public long N;
        private double _sum, _sum2, _pre, _pre2, _cross;

        public void Add(double value, double pre) => (N, _sum, _sum2, _pre, _pre2, _cross) = (N + 1, _sum + value, _sum2 + value * value, _pre + pre, _pre2 + pre * pre, _cross + value * pre);

        public MetricSummary Summary() => MetricSummary.Mean(N, _sum, _sum2).WithCovariate(_pre, _pre2, _cross);
    }
}
