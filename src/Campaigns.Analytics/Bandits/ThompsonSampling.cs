namespace Campaigns.Analytics;

// Thompson sampling by probability matching: each arm's share of traffic is its posterior probability of being best
// (Chapelle & Li, "An Empirical Evaluation of Thompson Sampling", NIPS 2011), computed exactly by quadrature rather than
// by drawing, so a re-weighting is reproducible; exploration stops on P(best) or expected loss (Scott, "A modern Bayesian
// look at the multi-armed bandit", 2010, the "value remaining" rule).
public static class ThompsonSampling
{
    /// <summary>
    /// P(arm k has the highest rate) = ∫ f_k(x) Π_{j≠k} F_j(x) dx, and each arm's expected loss E[max_j p_j] − E[p_k]
    /// (what choosing it for good costs in expectation), with E[max] = ∫ (1 − Π_j F_j(x)) dx.
    /// </summary>
    public static IReadOnlyList<BanditArm> Evaluate(IReadOnlyList<BetaPosterior> arms)
    {
        if (arms.Count == 0) throw new ArgumentException("A bandit needs at least one arm.");
        if (arms.Count == 1) return [new BanditArm(arms[0].Mean, 1, 0)];
        var lo = arms.Min(a => a.Bulk.Low);
        var hi = arms.Max(a => a.Bulk.High);
        double AllBelow(double x) => arms.Aggregate(1.0, (product, a) => product * a.Cdf(x));
        var expectedMax = lo + TanhSinh.Integrate(x => 1 - AllBelow(x), lo, hi, 1e-10, 1e-16);
        var best = new double[arms.Count];
        for (var k = 0; k < arms.Count; k++)
        {
            var arm = arms[k];
            var (kLo, kHi) = arm.Bulk;
            best[k] = TanhSinh.Integrate(x =>
            {
                var others = 1.0;
                for (var j = 0; j < arms.Count; j++) if (j != k) others *= arms[j].Cdf(x);
                return arm.Density(x) * others;
            }, kLo, kHi, 1e-10, 1e-16);
        }
        // Quadrature leaves the sum a hair off 1; the shares must add up exactly.
        var total = best.Sum();
        return arms.Select((a, k) => new BanditArm(a.Mean, total > 0 ? best[k] / total : 1.0 / arms.Count, Math.Max(0, expectedMax - a.Mean))).ToList();
    }

    /// <summary>
    /// The arms' shares of the treated traffic: P(best) with every arm kept at <paramref name="floor"/> at least while
    /// exploring; once the leader's P(best) reaches <paramref name="stopAt"/> or its expected loss falls to
    /// <paramref name="lossThreshold"/> of its own rate or below, the leader takes all of it (exploration stops).
    /// </summary>
    public static BanditAllocation Allocate(IReadOnlyList<BetaPosterior> arms, double floor = 0.05, double stopAt = 0.95, double lossThreshold = 0.01)
    {
        if (floor < 0 || floor * arms.Count > 1) throw new ArgumentException($"A floor of {floor} per arm cannot hold for {arms.Count} arms.");
        if (stopAt is <= 0 or > 1) throw new ArgumentException("The P(best) that stops exploring must be in (0, 1].");
        var evaluated = Evaluate(arms);
        var leader = Enumerable.Range(0, arms.Count).MaxBy(k => evaluated[k].ProbabilityBest);
        var lead = evaluated[leader];
        var stop = arms.Count > 1 && (lead.ProbabilityBest >= stopAt || lead.ExpectedLoss <= lossThreshold * lead.Mean);
        var shares = stop
            ? evaluated.Select((_, k) => k == leader ? 1.0 : 0.0).ToArray()
            : evaluated.Select(a => floor + (1 - floor * arms.Count) * a.ProbabilityBest).ToArray();
        return new BanditAllocation(evaluated, shares, leader, stop);
    }
}
