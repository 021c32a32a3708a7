using Campaigns.Application.Common.Formatting;

namespace Campaigns.Application.Tests.Common.Formatting;

public class DisplayTests
{
    [Theory]
    [InlineData(2.07e-6, "p < 0.001")]
    [InlineData(0.000999, "p < 0.001")]
    [InlineData(0.001, "p = 0.001")]
    [InlineData(0.0342, "p = 0.034")]
    [InlineData(0.5, "p = 0.500")]
    public void A_p_value_reads_as_a_bound_below_a_thousandth_and_with_three_decimals_above(double p, string expected) =>
        Assert.Equal(expected, Display.PValue(p));

    [Fact]
    public void A_negative_change_has_a_real_minus_sign_and_fixed_decimals() =>
        Assert.Equal("−27.20", Display.Signed(-27.1958));

    [Fact]
    public void A_positive_change_has_a_plus_and_zero_has_no_sign()
    {
        Assert.Equal("+1.25", Display.Signed(1.2479));
        Assert.Equal("0.00", Display.Signed(-0.0004));
    }

    [Fact]
    public void Counts_have_thousands_separators() => Assert.Equal("1,234,567", Display.Count(1_234_567L));

    [Fact]
    public void Percentages_have_fixed_decimals()
    {
        Assert.Equal("12.3%", Display.Percent(0.1234));
        Assert.Equal("5.00%", Display.Percent(0.05, 2));
        Assert.Equal("−4.2%", Display.SignedPercent(-0.042));
    }

    [Fact]
    public void A_difference_of_rates_is_written_in_signed_percentage_points()
    {
        Assert.Equal("+1.25 pp", Display.Points(0.0125));
        Assert.Equal("−0.40 pp", Display.Points(-0.004));
    }
}
