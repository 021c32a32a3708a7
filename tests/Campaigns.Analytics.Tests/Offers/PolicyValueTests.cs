using Campaigns.Analytics.Offers;

namespace Campaigns.Analytics.Tests.Offers;

public class PolicyValueTests
{
    private static readonly double Z = Normal.Quantile(0.975);

    /// <summary>
    /// Two arms, each with propensity 1/2. Rows (logged arm, reward; predicted reward of arm 0, arm 1):
    /// (0, 1; 0.5, 1), (1, 2; 0.5, 1.5), (1, 0; 0.5, 1.5), (0, 0; 1, 1).
    /// </summary>
    private static LoggedOffers TwoArms() => new([0, 1, 1, 0], [1, 2, 0, 0], [0.5, 0.5], [0.5, 1, 0.5, 1.5, 0.5, 1.5, 1, 1]);

    [Fact]
    public void Ips_and_dr_value_of_treating_everyone_match_the_hand_computation()
    {
        var value = PolicyValue.FixedArm(TwoArms(), 1);

        // IPS scores: 0, 2/0.5 = 4, 0, 0 → mean 1; deviations -1, 3, -1, -1 → variance 12/3 = 4, SE = sqrt(4/4) = 1.
        Assert.Equal(1, value.Ips.Value, 12);
        Assert.Equal(1, value.Ips.StandardError, 12);
        Assert.Equal(1 - Z, value.Ips.Low, 12);
        Assert.Equal(1 + Z, value.Ips.High, 12);
        // DR scores: 1 + 0 = 1; 1.5 + 2(2 - 1.5) = 2.5; 1.5 + 2(0 - 1.5) = -1.5; 1 + 0 = 1 → mean 0.75;
        // squared deviations 0.0625 + 3.0625 + 5.0625 + 0.0625 = 8.25 → variance 2.75, SE = sqrt(2.75/4).
        Assert.Equal(0.75, value.Dr.Value, 12);
        Assert.Equal(Math.Sqrt(2.75 / 4), value.Dr.StandardError, 12);
    }

    [Fact]
    public void A_policy_that_varies_by_row_is_scored_on_the_rows_whose_logged_arm_it_would_give()
    {
        // Arm 1 for rows 1 and 2, arm 0 for rows 0 and 3: every logged arm matches.
        var value = PolicyValue.Evaluate(TwoArms(), row => row is 1 or 2 ? 1 : 0);

        // IPS: 1/0.5 = 2, 4, 0, 0 → 1.5.  DR: 0.5 + 2(1 - 0.5) = 1.5, 2.5, -1.5, 1 + 2(0 - 1) = -1 → 1.5/4 = 0.375.
        Assert.Equal(1.5, value.Ips.Value, 12);
        Assert.Equal(0.375, value.Dr.Value, 12);
    }

    [Fact]
    public void The_difference_to_a_baseline_is_paired_row_by_row()
    {
        var difference = PolicyValue.Difference(TwoArms(), _ => 1, _ => 0);

        // DR of arm 0 for all: 1.5, 0.5, 0.5, -1 → 0.375. Paired DR scores: 1 - 1.5, 2.5 - 0.5, -1.5 - 0.5, 1 + 1
        // = -0.5, 2, -2, 2 → mean 0.375; squared deviations 0.765625 + 2.640625 + 5.640625 + 2.640625 = 11.6875.
        Assert.Equal(0.375, difference.Dr.Value, 12);
        Assert.Equal(Math.Sqrt(11.6875 / 3 / 4), difference.Dr.StandardError, 12);
        // IPS: (0 - 2), (4 - 0), 0, (0 - 0) → 0.5.
        Assert.Equal(0.5, difference.Ips.Value, 12);
    }

    [Fact]
    public void A_random_treatment_averages_over_the_treatment_arms_only()
    {
        // Three arms with propensities 1/2, 1/4, 1/4. Rows: (1, 4; predicted 0, 2, 1) and (2, 0; predicted 0, 3, 1).
        var data = new LoggedOffers([1, 2], [4, 0], [0.5, 0.25, 0.25], [0, 2, 1, 0, 3, 1]);

        var value = PolicyValue.RandomTreatment(data);

        // IPS: 0.5/0.25 × 4 = 8 and 0 → 4.  DR: (0.5×2 + 0.5×1) + 2(4 - 2) = 5.5 and (0.5×3 + 0.5×1) + 2(0 - 1) = 0 → 2.75.
        Assert.Equal(4, value.Ips.Value, 12);
        Assert.Equal(2.75, value.Dr.Value, 12);
    }

    [Fact]
    public void Logged_data_that_cannot_be_valued_is_refused_with_the_reason()
    {
        var noShare = Assert.Throws<ArgumentException>(() => new LoggedOffers([0, 1], [1, 0], [1, 0], [0, 0, 0, 0]));
        Assert.Equal("Arm 1 was logged but its propensity is 0.", noShare.Message);
        var shape = Assert.Throws<ArgumentException>(() => new LoggedOffers([0, 1], [1, 0], [0.5, 0.5], [0, 0, 0]));
        Assert.Contains("rows × arms = 2 × 2", shape.Message);
    }

    [Fact]
    public void Shares_are_the_arms_fractions_of_the_rows() =>
        Assert.Equal([0.5, 0.25, 0.25], LoggedOffers.Shares([0, 1, 0, 2], 3));
}
