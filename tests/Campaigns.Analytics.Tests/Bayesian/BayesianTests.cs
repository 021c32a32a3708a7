namespace Campaigns.Analytics.Tests;

public class BetaBinomialComparisonTests
{
    private static (BetaPosterior Control, BetaPosterior Treatment) Posteriors(System.Text.Json.JsonElement c) =>
        (BetaPosterior.From(BetaPrior.Uniform, c.D("c0"), c.D("n0")), BetaPosterior.From(BetaPrior.Uniform, c.D("c1"), c.D("n1")));

    [Fact]
    public void Chance_to_beat_control_matches_the_exact_rational_closed_form()
    {
        foreach (var c in Fixtures.Cases("beta"))
        {
            var (pc, pt) = Posteriors(c);
            Fixtures.Close(c.D("probTreatmentHigher"), BetaBinomialComparison.ProbabilityTreatmentIsHigher(pc, pt), 1e-9);
        }
    }

    [Fact]
    public void Expected_losses_match_the_exact_rational_closed_form()
    {
        foreach (var c in Fixtures.Cases("beta"))
        {
            var (pc, pt) = Posteriors(c);
            Fixtures.Close(c.D("excessControlOverTreatment"), BetaBinomialComparison.ExpectedExcess(pc, pt), 1e-8);
            Fixtures.Close(c.D("excessTreatmentOverControl"), BetaBinomialComparison.ExpectedExcess(pt, pc), 1e-8);
        }
    }

    [Fact]
    public void Credible_interval_of_the_lift_matches_the_quadrature_reference()
    {
        foreach (var c in Fixtures.Cases("beta").Where(c => c.TryGetProperty("diffQ025", out _)))
        {
            var (pc, pt) = Posteriors(c);
            Fixtures.Close(c.D("diffQ025"), BetaBinomialComparison.LiftQuantile(pc, pt, 0.025, false)!.Value, 1e-6, 1e-9);
            Fixtures.Close(c.D("diffQ975"), BetaBinomialComparison.LiftQuantile(pc, pt, 0.975, false)!.Value, 1e-6, 1e-9);
        }
    }

    [Fact]
    public void Identical_arms_have_an_even_chance()
    {
        var p = new BetaPosterior(51, 951);
        Fixtures.Close(0.5, BetaBinomialComparison.ProbabilityTreatmentIsHigher(p, p), 1e-10);
    }

    [Fact]
    public void Large_arms_agree_with_the_normal_approximation()
    {
        var c = BetaPosterior.From(BetaPrior.Uniform, 50_000, 1_000_000);
        var t = BetaPosterior.From(BetaPrior.Uniform, 50_600, 1_000_000);
        var normal = GaussianComparison.ProbabilityPositive(t.Mean - c.Mean, Math.Sqrt(c.Variance + t.Variance));
        Assert.Equal(normal, BetaBinomialComparison.ProbabilityTreatmentIsHigher(c, t), 3);
    }

    [Fact]
    public void Ten_million_users_per_arm_agree_with_the_normal_approximation()
    {
        var arms = new[]
        {
            new ArmInput("A", true, 0.5, 10_000_000, new Dictionary<string, MetricSummary> { ["conversion"] = MetricSummary.Proportion(10_000_000, 500_000) }),
            new ArmInput("B", false, 0.5, 10_000_000, new Dictionary<string, MetricSummary> { ["conversion"] = MetricSummary.Proportion(10_000_000, 502_000) }),
        };
        var r = ExperimentAnalyzer.Analyze([new MetricDefinition("conversion", MetricKind.Proportion)], arms, new AnalysisOptions { Engine = AnalysisEngine.Bayesian }).Comparisons[0];
        var se = Math.Sqrt(0.05 * 0.95 / 1e7 + 0.0502 * 0.9498 / 1e7);
        Assert.Equal(GaussianComparison.ProbabilityPositive(0.0002, se), r.Bayesian!.ChanceToWin, 3);
        Assert.Equal(0.0002 - 1.96 * se, r.Lift!.AbsoluteInterval.Low, 5);
    }

    [Fact]
    public void A_jeffreys_prior_with_no_conversions_still_integrates()
    {
        // Beta(0.5, n + 0.5) has an integrable singularity at 0 that the tanh-sinh rule absorbs.
        var prior = new BetaPrior(0.5, 0.5);
        var p = BetaBinomialComparison.ProbabilityTreatmentIsHigher(BetaPosterior.From(prior, 0, 1000), BetaPosterior.From(prior, 0, 1000));
        Fixtures.Close(0.5, p, 1e-8);
    }

    [Fact]
    public void Relative_lift_quantiles_bracket_the_posterior_ratio()
    {
        var c = BetaPosterior.From(BetaPrior.Uniform, 120, 1000);
        var t = BetaPosterior.From(BetaPrior.Uniform, 150, 1000);
        var lo = BetaBinomialComparison.LiftQuantile(c, t, 0.025, true)!.Value;
        var hi = BetaBinomialComparison.LiftQuantile(c, t, 0.975, true)!.Value;
        Assert.InRange(t.Mean / c.Mean - 1, lo, hi);
        // At the lower quantile, P(T ≤ (1 + lo) C) is 2.5% by construction; check against the delta-method width.
        Assert.InRange(hi - lo, 0.4, 0.6);
    }
}

public class GaussianComparisonTests
{
    [Fact]
    public void Loss_is_the_closed_form_normal_partial_expectation()
    {
        // E[max(D, 0)] for D ~ N(0, 1) is φ(0) = 1/√(2π).
        Fixtures.Close(1 / Math.Sqrt(2 * Math.PI), GaussianComparison.ExpectedPositivePart(0, 1), 1e-14);
        Fixtures.Close(0.5, GaussianComparison.ProbabilityPositive(0, 3), 1e-15);
        Assert.Equal(1, GaussianComparison.ProbabilityPositive(2, 0));
    }
}
