using Campaigns.Application.Experiments;

namespace Campaigns.Application.Tests.Experiments;

public class ExperimentDesignTests
{
    [Fact]
    public void The_launch_plan_needs_more_customers_for_a_smaller_holdout_or_a_smaller_lift()
    {
        var baseline = new DesignBaseline(0.05, 10_000, 1_000);
        var plan = ExperimentDesign.Plan(baseline, 0.5, 0.2)!;
        Assert.Equal(plan.PerArm * 2, plan.Total);
        Assert.True(ExperimentDesign.Plan(baseline, 0.1, 0.2)!.Total > plan.Total);
        Assert.True(ExperimentDesign.Plan(baseline, 0.5, 0.1)!.PerArm > plan.PerArm);
        // Three copy arms: each is a sixth of the traffic and compared at 5% ÷ 3, so more per arm and more in all.
        var threeArms = ExperimentDesign.Plan(baseline, 0.5, 0.2, treatedArms: 3)!;
        Assert.True(threeArms.PerArm > plan.PerArm);
        Assert.Equal((long)Math.Ceiling(threeArms.PerArm / (0.5 / 3)), threeArms.Total);
        Assert.Equal(plan.Total / 1_000.0, plan.Days!.Value, 6);
    }
}
