namespace Campaigns.Analytics.Tests;

public class InteractionCheckTests
{
    private static IReadOnlyList<(long, long)> Row(params (long Units, long Converters)[] cells) => cells;

    [Fact]
    public void The_independence_chi_square_matches_a_hand_computed_table()
    {
        // Rows 40 and 60, columns 50 and 50: expected 20, 20, 30, 30; χ² = 100/20 + 100/20 + 100/30 + 100/30.
        var result = InteractionCheck.Test([Row((30, 3), (10, 1)), Row((20, 2), (40, 4))], control: 0);

        Assert.Equal(100, result.SharedCustomers);
        Assert.Equal(5 + 5 + 10.0 / 3 + 10.0 / 3, result.ChiSquare, 10);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(ChiSquare.Survival(50.0 / 3, 1), result.DependencePValue, 12);
        Assert.True(result.AssignmentDependent);
    }

    [Fact]
    public void Independent_assignment_with_the_same_lift_everywhere_raises_no_flag()
    {
        var result = InteractionCheck.Test([Row((5000, 500), (5000, 500)), Row((5000, 600), (5000, 600))], control: 0);

        Assert.False(result.AssignmentDependent);
        Assert.False(result.EffectsInteract);
        Assert.Equal(1, result.DependencePValue, 12);
    }

    [Fact]
    public void Cochrans_Q_on_two_arms_is_the_z_test_of_the_difference_in_lifts()
    {
        // Lift 0.20 − 0.10 in the second experiment's first arm, 0.11 − 0.10 in its second.
        var result = InteractionCheck.Test([Row((1000, 100), (1000, 100)), Row((1000, 200), (1000, 110))], control: 0);

        var v0 = 0.2 * 0.8 / 1000 + 0.1 * 0.9 / 1000;
        var v1 = 0.11 * 0.89 / 1000 + 0.1 * 0.9 / 1000;
        var z = (0.10 - 0.01) / Math.Sqrt(v0 + v1);
        Assert.Equal(2 * (1 - Normal.Cdf(z)), result.InteractionPValue, 9);
        Assert.True(result.EffectsInteract);
        Assert.False(result.AssignmentDependent);
    }

    [Fact]
    public void Several_treated_arms_are_corrected_together_and_too_little_data_says_nothing()
    {
        var single = InteractionCheck.Test([Row((1000, 100), (1000, 100)), Row((1000, 130), (1000, 110))], control: 0);
        var twice = InteractionCheck.Test([Row((1000, 100), (1000, 100)), Row((1000, 130), (1000, 110)), Row((1000, 100), (1000, 100))], control: 0);
        Assert.Equal(Math.Min(1, 2 * single.InteractionPValue), twice.InteractionPValue, 12);

        var empty = InteractionCheck.Test([Row((0, 0), (0, 0)), Row((0, 0), (0, 0))], control: 0);
        Assert.Equal((0L, 1.0, 1.0, false, false), (empty.SharedCustomers, empty.DependencePValue, empty.InteractionPValue, empty.AssignmentDependent, empty.EffectsInteract));
        Assert.Throws<ArgumentException>(() => InteractionCheck.Test([Row((1, 0)), Row((1, 0), (1, 0))], control: 0));
    }
}
