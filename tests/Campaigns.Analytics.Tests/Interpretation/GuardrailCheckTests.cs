namespace Campaigns.Analytics.Tests.Interpretation;

public class GuardrailCheckTests
{
    private static ArmInput Arm(ArmFigures f, double marginMean) => new(f.Arm, f.IsControl, f.PlannedShare, f.Exposed, new Dictionary<string, MetricSummary>
    {
        [ExperimentMetrics.Conversion.Name] = MetricSummary.Proportion(f.Exposed, f.Converters),
        [ExperimentMetrics.MarginPerCustomer.Name] = MetricSummary.Mean(f.Exposed, f.Exposed * marginMean, f.Exposed * (25 + marginMean * marginMean)),
    });

    [Fact]
    public void An_arm_that_wins_on_conversion_but_loses_margin_is_flagged_with_its_discount_and_the_share_bought_anyway()
    {
        ArmFigures control = new("Control", true, 0.5, 10_000, 500, 520, 26_000, 30_000, 0), offer = new("20% off", false, 0.5, 10_000, 800, 850, 40_000, 20_000, 8_500);
        var report = ExperimentAnalyzer.Analyze([ExperimentMetrics.Conversion, ExperimentMetrics.MarginPerCustomer], [Arm(control, 3.0), Arm(offer, 2.0)]);

        var g = Assert.Single(GuardrailCheck.For([control, offer], report, hasMargins: true));

        Assert.Equal("20% off", g.Arm);
        Assert.Equal(10.0, g.DiscountPerOrder!.Value, 10);
        Assert.Equal(-1.0, g.MarginPerExposedLift!.Value, 10);
        // The holdout converts at 5%, the offer at 8%: 5/8 of the offer's buyers would have bought anyway.
        Assert.Equal(0.625, g.ShareWhoWouldHaveBoughtAnyway!.Value, 10);
        Assert.True(g.WinsOnConversionLosesMargin);
    }

    [Fact]
    public void Without_product_costs_there_is_no_discount_or_margin_to_report()
    {
        ArmFigures control = new("Control", true, 0.5, 100, 0, 0, 0, null, null), offer = new("B", false, 0.5, 100, 0, 0, 0, null, null);
        var report = ExperimentAnalyzer.Analyze([ExperimentMetrics.Conversion], [Arm(control, 0), Arm(offer, 0)]);

        var g = Assert.Single(GuardrailCheck.For([control, offer], report, hasMargins: false));

        Assert.Equal(new Guardrails("B", null, null, null, false), g);
    }
}
