using Bunit;
using Campaigns.Analytics;
using Campaigns.Domain.Experiments;
using Campaigns.Web.Features.Experiments;
using Campaigns.Web.Features.Experiments.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Experiments;

public class ArmResultsTableTests : ComponentTest
{
    private IRenderedComponent<ArmResultsTable> RenderWith(ProportionComparison versusControl) =>
        Render<ArmResultsTable>(p => p.Add(t => t.Experiment, new ExperimentSummary(Guid.NewGuid(), Guid.NewGuid(), "Spring", ExperimentStatus.Running, null, null,
        [
            new ArmResult(Guid.NewGuid(), "Control", true, 0.5, 40_000, 2_000, 0, null),
            new ArmResult(Guid.NewGuid(), "20% off", false, 0.5, 40_000, 1_800, 0, versusControl),
        ])));

    [Fact]
    public void A_tiny_p_value_reads_as_a_bound_not_in_scientific_notation()
    {
        var table = RenderWith(new ProportionComparison(0.05, 0.045, -0.005, -0.008, -0.002, -0.1, 2.07e-6));

        Assert.Equal("p < 0.001", table.Find("[data-testid=p-value]").TextContent.Trim());
        Assert.DoesNotContain("E-", table.Markup);
    }

    [Fact]
    public void A_negative_lift_is_written_with_a_minus_sign_and_counts_with_separators()
    {
        var table = RenderWith(new ProportionComparison(0.05, 0.045, -0.005, -0.008, -0.002, -0.1, 0.0342));

        var row = table.FindAll("tbody tr")[1].TextContent;
        Assert.Contains("−0.50 pp (−0.80 pp to −0.20 pp)", row);
        Assert.Contains("40,000", row);
        Assert.Contains("p = 0.034", row);
    }
}
