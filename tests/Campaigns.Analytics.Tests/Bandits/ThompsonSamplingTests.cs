namespace Campaigns.Analytics.Tests;

public class ThompsonSamplingTests
{
    private static BetaPosterior Arm(long units, long converters) => BetaPosterior.From(BetaPrior.Uniform, converters, units);

    [Fact]
    public void P_best_of_two_arms_is_the_chance_one_beats_the_other_and_the_loss_is_the_expected_excess()
    {
        var (a, b) = (Arm(1000, 52), Arm(1000, 61));

        var arms = ThompsonSampling.Evaluate([a, b]);

        Assert.Equal(BetaBinomialComparison.ProbabilityTreatmentIsHigher(a, b), arms[1].ProbabilityBest, 8);
        Assert.Equal(1 - arms[1].ProbabilityBest, arms[0].ProbabilityBest, 12);
        Assert.Equal(BetaBinomialComparison.ExpectedExcess(b, a), arms[0].ExpectedLoss, 8);
        Assert.Equal(BetaBinomialComparison.ExpectedExcess(a, b), arms[1].ExpectedLoss, 8);
    }

    [Fact]
    public void Closed_forms_hold_for_small_posteriors()
    {
        // Beta(2, 1) has density 2x: P(it beats a uniform) = ∫ 2x · x dx = 2/3.
        var arms = ThompsonSampling.Evaluate([new BetaPosterior(2, 1), new BetaPosterior(1, 1)]);
        Assert.Equal(2.0 / 3, arms[0].ProbabilityBest, 8);

        // Three uniforms: each is best a third of the time; E[max] = 3/4, so each loses 3/4 − 1/2.
        var uniforms = ThompsonSampling.Evaluate([new BetaPosterior(1, 1), new BetaPosterior(1, 1), new BetaPosterior(1, 1)]);
        Assert.All(uniforms, u => Assert.Equal(1.0 / 3, u.ProbabilityBest, 8));
        Assert.All(uniforms, u => Assert.Equal(0.25, u.ExpectedLoss, 8));
    }

    [Fact]
    public void While_exploring_every_arm_keeps_its_floor_and_the_shares_follow_P_best()
    {
        var allocation = ThompsonSampling.Allocate([Arm(400, 20), Arm(400, 26), Arm(400, 30)], floor: 0.05);

        Assert.False(allocation.Stopped);
        Assert.Equal(1, allocation.Shares.Sum(), 12);
        Assert.All(allocation.Shares, s => Assert.True(s >= 0.05));
        for (var k = 0; k < 3; k++) Assert.Equal(0.05 + 0.85 * allocation.Arms[k].ProbabilityBest, allocation.Shares[k], 12);
        Assert.Equal(2, allocation.Leader);
        Assert.True(allocation.Shares[2] > allocation.Shares[1] && allocation.Shares[1] > allocation.Shares[0]);
    }

    [Fact]
    public void Exploration_stops_when_the_leader_is_almost_surely_best_and_the_leader_takes_all()
    {
        var allocation = ThompsonSampling.Allocate([Arm(5000, 250), Arm(5000, 400)]);

        Assert.True(allocation.Arms[1].ProbabilityBest > 0.95);
        Assert.True(allocation.Stopped);
        Assert.Equal([0.0, 1.0], allocation.Shares);
    }

    [Fact]
    public void Exploration_stops_when_choosing_the_leader_costs_almost_nothing_even_without_a_clear_winner()
    {
        // Two arms equally good, measured on a million customers each: neither is surely best, but either loses < 1% of its rate.
        var allocation = ThompsonSampling.Allocate([Arm(1_000_000, 50_000), Arm(1_000_000, 50_010)]);

        Assert.True(allocation.Arms[1].ProbabilityBest < 0.95);
        Assert.True(allocation.Stopped);
    }

    [Fact]
    public void No_data_explores_evenly_and_an_impossible_floor_is_refused()
    {
        var allocation = ThompsonSampling.Allocate([Arm(0, 0), Arm(0, 0), Arm(0, 0), Arm(0, 0)]);
        Assert.False(allocation.Stopped);
        Assert.All(allocation.Shares, s => Assert.Equal(0.25, s, 8));

        Assert.Throws<ArgumentException>(() => ThompsonSampling.Allocate([Arm(0, 0), Arm(0, 0), Arm(0, 0)], floor: 0.4));
    }
}
