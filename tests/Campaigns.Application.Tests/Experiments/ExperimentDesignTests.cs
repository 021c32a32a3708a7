using Campaigns.Application.Experiments;

namespace Campaigns.Application.Tests.Experiments;

public class ExperimentDesignTests
{
    [Fact]
    public void The_launch_plan_needs_more_customers_for_a_smaller_holdout_or_a_smaller_lift()
    {
        var baseline = new DesignBaseline(0.05, 10_000, 1_000);
        var plan = ExperimentDesign.Plan(baseline, 0.5, 0.2, [0.5])!;
        Assert.Equal(plan.PerArm * 2, plan.Total);
        Assert.True(ExperimentDesign.Plan(baseline, 0.1, 0.2, [0.9])!.Total > plan.Total);
        Assert.True(ExperimentDesign.Plan(baseline, 0.5, 0.1, [0.5])!.PerArm > plan.PerArm);
        // Three copy arms: each is a sixth of the traffic and compared at 5% ÷ 3, so more per arm and more in all.
        var threeArms = ExperimentDesign.Plan(baseline, 0.5, 0.2, [0.5 / 3, 0.5 / 3, 0.5 / 3])!;
        Assert.True(threeArms.PerArm > plan.PerArm);
        Assert.Equal((long)Math.Ceiling(threeArms.PerArm / (0.5 / 3)), threeArms.Total);
        Assert.Equal(plan.Total / 1_000.0, plan.Days!.Value, 6);
    }

    [Fact]
    public void With_the_models_choice_the_plan_counts_its_arm_and_sizes_the_smaller_offer_arms()
    {
        var baseline = new DesignBaseline(0.05, 10_000, 1_000);
        var offers = ExperimentDesign.Plan(baseline, 0.2, 0.2, [0.8 / 3, 0.8 / 3, 0.8 / 3])!;

        // Three offers on 40% of the traffic and the model's choice on 40%: four comparisons, at 5% ÷ 4 each.
        var withModel = ExperimentDesign.Plan(baseline, 0.2, 0.2, [0.4 / 3, 0.4 / 3, 0.4 / 3, 0.4])!;

        Assert.True(withModel.PerArm > offers.PerArm);
        Assert.Equal((long)Math.Ceiling(withModel.PerArm / (0.4 / 3)), withModel.Total);
        Assert.Equal((long)Math.Ceiling(offers.PerArm / 0.2), offers.Total);
    }
}
