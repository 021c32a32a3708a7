namespace Campaigns.Analytics.Tests;

public class StudentTTests
{
    [Fact]
    public void Cdf_matches_the_independent_reference_to_1e_10()
    {
        foreach (var c in Fixtures.Cases("studentT"))
            Fixtures.Close(c.D("cdf"), StudentT.Cdf(c.D("t"), c.D("df")), 1e-10);
    }

    [Fact]
    public void Quantile_matches_the_independent_reference_to_1e_10()
    {
        foreach (var c in Fixtures.Cases("studentTQuantile"))
            Fixtures.Close(c.D("quantile"), StudentT.Quantile(c.D("p"), c.D("df")), 1e-10);
    }

    [Theory] // Printed tables (e.g. Abramowitz & Stegun Table 26.10), to the digits they give.
    [InlineData(0.975, 10, 2.228)]
    [InlineData(0.975, 1, 12.706)]
    [InlineData(0.995, 30, 2.750)]
    [InlineData(0.95, 120, 1.658)]
    public void Quantile_agrees_with_printed_tables(double p, double df, double table) => Assert.Equal(table, StudentT.Quantile(p, df), 3);

    [Fact]
    public void Cauchy_case_has_a_closed_form() => Fixtures.Close(0.5 + Math.Atan(3.0) / Math.PI, StudentT.Cdf(3, 1), 1e-13);

    [Fact]
    public void Large_degrees_of_freedom_approach_the_normal() => Fixtures.Close(Normal.Cdf(1.5), StudentT.Cdf(1.5, 1e9), 1e-8);

    [Fact]
    public void Small_two_sided_p_values_keep_relative_precision()
    {
        // P(|T| > 40) with 1000 df is ~1e-210: it must not round to zero.
        var p = StudentT.TwoSidedPValue(40, 1000);
        Assert.InRange(p, 1e-250, 1e-150);
    }
}

public class ChiSquareTests
{
    [Fact]
    public void Survival_matches_the_closed_form_recursion()
    {
        foreach (var c in Fixtures.Cases("chiSquare"))
            Fixtures.Close(c.D("survival"), ChiSquare.Survival(c.D("x"), c.D("df")), 1e-10);
    }

    [Fact]
    public void The_textbook_critical_value_has_five_percent_above_it() => Fixtures.Close(0.05, ChiSquare.Survival(3.841458820694124, 1), 1e-10);
}

public class GammaTests
{
    [Theory] // ln Γ(1/2) = ln √π; ln Γ(10) = ln 9!; ln Γ(100) from math.lgamma.
    [InlineData(0.5, 0.5723649429247001)]
    [InlineData(10, 12.801827480081469)]
    [InlineData(100, 359.1342053695754)]
    [InlineData(3.7, 1.4280723266653883)]
    public void LogGamma_matches_reference_values(double x, double expected) => Fixtures.Close(expected, Gamma.LogGamma(x), 1e-13);

    [Fact]
    public void LogBeta_of_large_arguments_does_not_cancel() =>
        // B(a, ½) = √π Γ(a)/Γ(a + ½) and Γ(a + ½)/Γ(a) = √a (1 − 1/(8a) + 1/(128a²) + O(a⁻³)), so the expansion is exact to 1e-18 here.
        Fixtures.Close(0.5 * Math.Log(Math.PI / 1e6) - Math.Log(1 - 1 / 8e6 + 1 / (128 * 1e12)), IncompleteBeta.LogBeta(1e6, 0.5), 1e-13);

    [Fact]
    public void Incomplete_beta_is_symmetric() =>
        Fixtures.Close(1 - IncompleteBeta.Regularized(3.5, 7.25, 0.3), IncompleteBeta.Regularized(7.25, 3.5, 0.7), 1e-13);
}
