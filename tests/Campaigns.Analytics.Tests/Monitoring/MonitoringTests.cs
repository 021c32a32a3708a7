using Campaigns.Analytics.Monitoring;

namespace Campaigns.Analytics.Tests.Monitoring;

public class PopulationStabilityTests
{
    [Fact]
    public void Identical_distributions_have_an_index_of_zero()
    {
        Assert.Equal(0, PopulationStability.Index([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), 12);
    }

    [Fact]
    public void A_shift_between_two_bins_gives_the_hand_computed_index()
    {
        // (0.3 − 0.5) ln(0.3/0.5) + (0.7 − 0.5) ln(0.7/0.5) = 0.2·(0.5108256 + 0.3364722) = 0.16945957
        Assert.Equal(0.16945957, PopulationStability.Index([0.5, 0.5], [0.3, 0.7]), 7);
    }

    [Fact]
    public void An_empty_bin_gives_a_large_finite_index()
    {
        var psi = PopulationStability.Index([0.5, 0.5], [0.0, 1.0]);
        Assert.True(double.IsFinite(psi));
        Assert.True(psi > 2);
    }

    [Fact]
    public void Quantile_edges_cut_the_reference_into_equal_bins_and_missing_values_get_their_own()
    {
        var reference = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var edges = PopulationStability.Edges(reference, bins: 4);
        Assert.Equal([25.0, 50.0, 75.0], edges);
        var counts = PopulationStability.Counts(reference.Append(double.NaN), edges);
        Assert.Equal([25L, 25, 25, 25, 1], counts);
    }

    [Fact]
    public void A_feature_whose_values_doubled_is_flagged_as_a_major_shift()
    {
        var random = new Random(3);
        var training = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble() * 100).ToArray();
        var edges = PopulationStability.Edges(training);
        var expected = PopulationStability.Shares(PopulationStability.Counts(training, edges));
        var same = PopulationStability.Shares(PopulationStability.Counts(Enumerable.Range(0, 10_000).Select(_ => random.NextDouble() * 100), edges));
        var doubled = PopulationStability.Shares(PopulationStability.Counts(training.Select(v => v * 2), edges));
        Assert.True(PopulationStability.Index(expected, same) < 0.01);
        Assert.True(PopulationStability.Index(expected, doubled) > 0.25);
    }
}

public class CalibrationTests
{
    [Fact]
    public void Coverage_is_the_share_of_groups_whose_interval_holds_the_prediction()
    {
        CalibrationGroup[] groups =
        [
            new(0.05, 0.04, 0.01, 0.07, 100), // covered, gap 0.01
            new(0.02, 0.03, 0.00, 0.06, 100), // covered, gap 0.01
            new(0.10, 0.01, -0.02, 0.04, 200), // missed, gap 0.09
            new(-0.03, -0.02, -0.05, 0.01, 100), // covered, gap 0.01
        ];
        var (coverage, gap) = Calibration.Score(groups);
        Assert.Equal(0.75, coverage, 12);
        // (100·0.01 + 100·0.01 + 200·0.09 + 100·0.01) / 500 = 0.042
        Assert.Equal(0.042, gap, 12);
    }

    [Fact]
    public void No_groups_is_refused_with_a_message()
    {
        Assert.Throws<ArgumentException>(() => Calibration.Score([]));
    }
}
