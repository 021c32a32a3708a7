using Bunit;
using Campaigns.Analytics;
using Campaigns.Application.Experiments;
using Campaigns.Domain.Experiments;
using Campaigns.Web.Features.Experiments.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Experiments;

public class ArmResultsTableTests : ComponentTest
{
    private static MetricComparison Conversion(double lift, double low, double high, double p) => new()
    {
        Metric = ExperimentMetrics.Conversion.Name, Kind = MetricKind.Proportion, Unit = MetricUnit.Share, HigherIsBetter = true, Arm = "20% off", Control = "Control",
        Engine = AnalysisEngine.Sequential, ConfidenceLevel = 0.95, Status = ComparisonStatus.Ok,
        Lift = new LiftEstimate(lift, new Interval(low, high), null, null), PValue = p, AdjustedPValue = p,
        Outcome = p < 0.05 ? lift > 0 ? Outcome.Improvement : Outcome.Regression : Outcome.Inconclusive,
    };

    private IRenderedComponent<ArmResultsTable> RenderWith(MetricComparison versusControl) =>
        Render<ArmResultsTable>(p => p.Add(t => t.Experiment, new ExperimentSummary(Guid.NewGuid(), Guid.NewGuid(), "Spring", ExperimentStatus.Running, null, null,
            AnalysisEngine.Sequential, 0.95,
        [
            new ArmResult("Control", true, 0.5, 40_000, 2_000, 0, null),
            new ArmResult("20% off", false, 0.5, 40_000, 1_800, 0, versusControl),
        ], "No clear winner yet.")));

    [Fact]
    public void A_tiny_p_value_reads_as_a_bound_not_in_scientific_notation()
    {
        var table = RenderWith(Conversion(-0.005, -0.008, -0.002, 2.07e-6));

        Assert.Equal("p < 0.001", table.Find("[data-testid=p-value]").TextContent.Trim());
        Assert.DoesNotContain("E-", table.Markup);
    }

    [Fact]
    public void A_negative_lift_is_written_with_a_minus_sign_and_counts_with_separators()
    {
        var table = RenderWith(Conversion(-0.005, -0.008, -0.002, 0.0342));

        var row = table.FindAll("tbody tr")[1].TextContent;
        Assert.Contains("−0.50 pp (−0.80 pp to −0.20 pp)", row);
        Assert.Contains("40,000", row);
        Assert.Contains("p = 0.034", row);
    }

    [Fact]
    public void The_columns_name_the_engine_the_figures_come_from()
    {
        var table = RenderWith(Conversion(-0.005, -0.008, -0.002, 0.0342));

        Assert.Equal("p (sequential)", table.Find("[data-testid=p-value-header]").TextContent.Trim());
        Assert.Contains("Confidence sequence (95%)", table.Find("thead").TextContent);
    }
}
