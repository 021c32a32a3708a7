using Bunit;
using Campaigns.Analytics;
using Campaigns.Application.Experiments;
using Campaigns.Web.Features.Experiments.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Experiments;

public class OverlapsPanelTests : ComponentTest
{
    [Fact]
    public void Each_overlapping_experiment_says_how_many_customers_it_shares_and_a_flag_says_what_went_wrong()
    {
        var clean = new ExperimentOverlap(Guid.NewGuid(), "Spring Sale", new InteractionResult(1240, 0.3, 1, 0.58, false, 0.41, false));
        var interacting = new ExperimentOverlap(Guid.NewGuid(), "Free Shipping Week", new InteractionResult(310, 0.1, 1, 0.75, false, 0.0004, true));

        var panel = Render<OverlapsPanel>(p => p.Add(x => x.Overlaps, [clean, interacting]));

        var items = panel.FindAll("[data-testid=overlap]");
        Assert.Equal("Spring Sale: 1,240 customers in both. Assignment is independent (p = 0.580). No sign that the effects interact (p = 0.410).",
            string.Join(" ", items[0].TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("The lift differs by the other experiment's arm (p < 0.001): read the two results together.", items[1].TextContent);
        Assert.Contains("mud-alert-text-warning", items[1].OuterHtml);
        Assert.DoesNotContain("mud-alert-text-warning", items[0].OuterHtml);
    }
}
