using Campaigns.Analytics.Programme;

namespace Campaigns.Analytics.Tests.Programme;

public class ProgrammeEffectTests
{
    private static MetricSummary Customers(double[] values, double[] pre) =>
        MetricSummary.Mean(values.Length, values.Sum(), values.Sum(v => v * v))
            .WithCovariate(pre.Sum(), pre.Sum(v => v * v), values.Zip(pre, (y, x) => y * x).Sum());

    // Expected values computed independently in Python (statistics.variance, the CUPED and delta-method formulas written out).
    private static readonly MetricSummary Holdout = Customers([3, 5, 2, 6], [2, 4, 1, 5]);
    private static readonly MetricSummary Programme = Customers([6, 7, 3, 9, 5], [3, 5, 1, 6, 2]);

    [Fact]
    public void The_effect_per_customer_is_the_difference_of_cuped_adjusted_means_with_its_normal_interval()
    {
        var e = ProgrammeEffect.Estimate(Programme, Holdout);
        Assert.Equal(1.0294117647058822, e.Theta, 12);
        Assert.Equal(5.816993464052288, e.ProgrammeMean, 12);
        Assert.Equal(4.228758169934641, e.HoldoutMean, 12);
        Assert.Equal(1.5882352941176476, e.PerCustomer.Value, 12);
        Assert.Equal(1.1117105276982704, e.PerCustomer.Low, 9);
        Assert.Equal(2.064760060537025, e.PerCustomer.High, 9);
        Assert.Equal(96.77571563384713, e.VarianceReductionPercent, 9);
    }

    [Fact]
    public void The_incremental_total_scales_the_per_customer_effect_to_the_programmes_customers()
    {
        var e = ProgrammeEffect.Estimate(Programme, Holdout);
        Assert.Equal(7.941176470588238, e.Incremental.Value, 9);
        Assert.Equal(e.PerCustomer.Low * 5, e.Incremental.Low, 9);
        Assert.Equal(e.PerCustomer.High * 5, e.Incremental.High, 9);
    }

    [Fact]
    public void The_relative_lift_has_a_delta_method_interval()
    {
        var relative = ProgrammeEffect.Estimate(Programme, Holdout).Relative!;
        Assert.Equal(0.3755795981452861, relative.Value, 12);
        Assert.Equal(0.26228150917276105, relative.Low, 9);
        Assert.Equal(0.4888776871178111, relative.High, 9);
    }

    [Fact]
    public void Without_a_pre_period_the_estimate_is_the_plain_difference_of_means()
    {
        var e = ProgrammeEffect.Estimate(MetricSummary.Mean(5, 30, 200), MetricSummary.Mean(4, 16, 74));
        Assert.Equal(0, e.Theta);
        Assert.Equal(6 - 4, e.PerCustomer.Value, 12);
        Assert.Equal(0, e.VarianceReductionPercent, 12);
    }

    [Fact]
    public void Fewer_than_two_customers_in_a_group_is_not_enough_data()
    {
        var e = ProgrammeEffect.Estimate(Programme, MetricSummary.Mean(1, 3, 9));
        Assert.False(e.HasData);
        Assert.Null(e.Relative);
        Assert.Equal(0, e.Incremental.Value);
    }

    [Fact]
    public void Groups_where_no_customer_has_ordered_have_no_outcomes_and_one_order_is_enough_to_have_some()
    {
        var none = ProgrammeEffect.Estimate(Customers([0, 0, 0], [1, 0, 2]), Customers([0, 0], [0, 3]));
        Assert.True(none.HasData);
        Assert.True(none.NoOutcomes);

        var one = ProgrammeEffect.Estimate(Customers([0, 1, 0], [1, 0, 2]), Customers([0, 0], [0, 3]));
        Assert.False(one.NoOutcomes);
        Assert.True(one.PerCustomer.High > one.PerCustomer.Low);
        Assert.False(ProgrammeEffect.Estimate(Programme, Holdout).NoOutcomes);
    }
}
