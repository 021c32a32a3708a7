using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Tests.Campaigns;

namespace Campaigns.Domain.Tests.Experiments;

public class ThompsonTrafficTests
{
    private static string Money(decimal amount) => $"€{amount:0.##}";

    private static (Campaign Campaign, CopyVariant[] Copy) Approved(int copyVariants)
    {
        var c = CampaignRulesTests.Valid();
        c.Submit("marketer");
        var copy = Enumerable.Range(0, copyVariants).Select(i => new CopyVariant { Headline = $"Line {i}", ApprovedBy = "boss" }).ToArray();
        c.Approve("boss", null, copy);
        return (c, copy);
    }

    [Fact]
    public void Thompson_sampling_needs_two_copy_arms_and_then_launches_exploring()
    {
        var (one, oneCopy) = Approved(1);
        Assert.Contains("two or more", Assert.Throws<DomainException>(() => one.Launch(0.1, oneCopy, Money, traffic: TrafficAllocation.Thompson)).Message);
        Assert.Equal(CampaignStatus.Approved, one.Status);

        var (three, copy) = Approved(3);
        var experiment = three.Launch(0.1, copy, Money, traffic: TrafficAllocation.Thompson);

        Assert.True(experiment.IsExploring);
        Assert.Equal(3, experiment.TreatedArms.Count);
    }

    [Fact]
    public void Reallocating_moves_only_the_copy_arms_and_stopping_is_final()
    {
        var (c, copy) = Approved(2);
        var experiment = c.Launch(0.2, copy, Money, traffic: TrafficAllocation.Thompson);

        experiment.Reallocate([0.25, 0.75], stopExploring: false, DateTime.UtcNow);
        Assert.Equal([0.2, 0.2, 0.6], experiment.Arms.OrderBy(a => a.Position).Select(a => Math.Round(a.Allocation, 12)));

        Assert.Throws<DomainException>(() => experiment.Reallocate([0.5, 0.6], false, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => experiment.Reallocate([1.0], false, DateTime.UtcNow));

        experiment.Reallocate([0, 1], stopExploring: true, DateTime.UtcNow);
        Assert.False(experiment.IsExploring);
        Assert.Throws<DomainException>(() => experiment.Reallocate([0.5, 0.5], false, DateTime.UtcNow));
    }

    [Fact]
    public void A_fixed_split_cannot_be_reallocated()
    {
        var (c, copy) = Approved(2);
        var experiment = c.Launch(0.1, copy, Money);

        Assert.False(experiment.IsExploring);
        Assert.Throws<DomainException>(() => experiment.Reallocate([0.5, 0.5], false, DateTime.UtcNow));
    }
}
