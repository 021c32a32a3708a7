using Bunit;
using Campaigns.Application.Experiments;
using Campaigns.Web.Features.Experiments.Components;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Experiments;

public class BanditPanelTests : ComponentTest
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static BanditArmView Arm(string name, double share, double? best, double? loss, params double[] history) =>
        new(name, share, best, loss, 1200, 60, history.Select((s, i) => (Start.AddMinutes(15 * (i + 1)), s)).ToList());

    [Fact]
    public void An_exploring_test_shows_each_arms_share_chance_of_being_best_and_loss_and_the_shares_over_time()
    {
        var view = new BanditView(Start, null, 0.1, Start.AddMinutes(30),
            [Arm("Copy A: Take 20% off", 0.2, 0.18, 0.0042, 0.3, 0.2), Arm("Copy B: Your 20% is waiting", 0.7, 0.82, 0.0006, 0.6, 0.7)]);

        var panel = Render<BanditPanel>(p => p.Add(x => x.Bandit, view));

        Assert.StartsWith("Exploring: shares follow each arm's chance of being best", panel.Find("[data-testid=bandit-status]").TextContent);
        var rows = panel.FindAll("[data-testid=bandit-arms] tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal("Copy A: Take 20% off | 20.0% | 1,200 | 60 | 18.0% | 0.420 pp", rows[0]);
        Assert.Equal("Copy B: Your 20% is waiting | 70.0% | 1,200 | 60 | 82.0% | 0.060 pp", rows[1]);
        Assert.StartsWith("Holdout (fixed) | 10.0%", rows[2]);
        Assert.NotEmpty(panel.FindAll("[data-testid=bandit-chart]"));
    }

    [Fact]
    public void A_stopped_test_names_the_arm_that_took_the_traffic_and_a_new_one_says_it_splits_evenly()
    {
        var stopped = new BanditView(Start, Start.AddHours(5), 0.1, Start.AddHours(5), [Arm("Copy A", 0, 0.02, 0.01, 0.45, 0), Arm("Copy B", 0.9, 0.98, 0.0001, 0.45, 0.9)]);
        Assert.Equal("Exploration stopped on 1 Dec 2026 14:00 UTC: Copy B gets all the copy arms' traffic.",
            Render<BanditPanel>(p => p.Add(x => x.Bandit, stopped)).Find("[data-testid=bandit-status]").TextContent.Trim());

        var fresh = new BanditView(Start, null, 0.1, null, [Arm("Copy A", 0.45, null, null), Arm("Copy B", 0.45, null, null)]);
        var panel = Render<BanditPanel>(p => p.Add(x => x.Bandit, fresh));
        Assert.StartsWith("Exploring: the arms share the traffic equally", panel.Find("[data-testid=bandit-status]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=bandit-chart]"));
    }
}
