using Campaigns.Domain.Experiments;

namespace Campaigns.Domain.Tests.Experiments;

public class ExperimentAssignmentTests
{
    private static Experiment TwoArms(double control, double treatment, string salt = "s1")
    {
        var e = new Experiment { Name = "t", Salt = salt };
        e.Arms.Add(new Arm { Name = "Control", Position = 0, Allocation = control, IsControl = true });
        e.Arms.Add(new Arm { Name = "Offer", Position = 1, Allocation = treatment });
        return e;
    }

    [Fact]
    public void The_same_customer_always_gets_the_same_arm()
    {
        var e = TwoArms(0.5, 0.5);
        var first = Enumerable.Range(0, 200).Select(i => e.PickArm($"C{i}").Name).ToList();
        var again = Enumerable.Range(0, 200).Select(i => e.PickArm($"C{i}").Name).ToList();
        Assert.Equal(first, again);
    }

    [Fact]
    public void Arms_receive_traffic_in_proportion_to_their_allocation()
    {
        var e = TwoArms(0.2, 0.8);
        var control = Enumerable.Range(0, 20_000).Count(i => e.PickArm($"C{i}").IsControl);
        // 20% of 20,000 = 4,000; binomial sd ≈ 57, so ±300 is over 5 sd.
        Assert.InRange(control, 3_700, 4_300);
    }

    [Fact]
    public void Different_salts_split_customers_independently()
    {
        var a = TwoArms(0.5, 0.5, "a");
        var b = TwoArms(0.5, 0.5, "b");
        var same = Enumerable.Range(0, 10_000).Count(i => a.PickArm($"C{i}").Name == b.PickArm($"C{i}").Name);
        Assert.InRange(same, 4_700, 5_300);
    }

    [Fact]
    public void An_experiment_without_arms_cannot_assign()
    {
        Assert.Throws<DomainException>(() => new Experiment { Name = "empty" }.PickArm("C1"));
    }
}
