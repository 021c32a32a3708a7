using Campaigns.Application.Experiments;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;

namespace Campaigns.Application.Tests.Experiments;

/// <summary>Overlapping experiments read from the rollup's customers: who overlaps, and the interaction check on the shared customers.</summary>
public class ExperimentInteractionsTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private static Experiment NewExperiment(CampaignsDbContext db, string name, DateTime started, DateTime? ended)
    {
        var campaign = new Campaign
        {
            Name = name, CreatedBy = "tests", Budget = 1000, StartsAt = started, EndsAt = started.AddDays(30),
            Promotion = new Promotion { Type = PromotionType.PercentDiscount, PercentOff = 20, Channel = Channel.Email },
        };
        db.Campaigns.Add(campaign);
        var e = new Experiment { CampaignId = campaign.Id, Name = name, Status = ended is null ? ExperimentStatus.Running : ExperimentStatus.Stopped, StartedAt = started, EndedAt = ended };
        e.Arms.Add(new Arm { ExperimentId = e.Id, Name = "Holdout", Position = 0, Allocation = 0.5, IsControl = true });
        e.Arms.Add(new Arm { ExperimentId = e.Id, Name = "Offer", Position = 1, Allocation = 0.5 });
        return e;
    }

    /// <summary>
    /// 4,000 customers in both: this experiment's arm alternates, the other's every two customers (independent, or with
    /// <paramref name="dependent"/> the same as this one's). Here the holdout converts 10%; the offer converts
    /// <paramref name="liftInFirst"/> and <paramref name="liftInSecond"/> more in the other's first and second arm.
    /// </summary>
    private async Task<(Experiment Here, Experiment There, Experiment Before)> StoreAsync(double liftInFirst, double liftInSecond, bool dependent = false)
    {
        var now = DateTime.UtcNow;
        await using var db = database.Open();
        var here = NewExperiment(db, "Here", now.AddDays(-10), null);
        var there = NewExperiment(db, "There", now.AddDays(-5), null);
        var before = NewExperiment(db, "Before", now.AddDays(-40), now.AddDays(-20));
        db.Experiments.AddRange(here, there, before);
        var seen = new Dictionary<(int, int), int>();
        for (var i = 0; i < 4000; i++)
        {
            var customer = Guid.NewGuid();
            var (a, b) = (i % 2, dependent ? i % 2 : i / 2 % 2);
            var n = seen[(a, b)] = seen.GetValueOrDefault((a, b)) + 1;
            var rate = 0.10 + (a == 1 ? (b == 0 ? liftInFirst : liftInSecond) : 0);
            db.ExperimentCustomers.Add(new ExperimentCustomer { ExperimentId = here.Id, CustomerId = customer, ArmId = here.Arms[a].Id, Exposures = 1, Conversions = n <= rate * 1000 ? 1 : 0 });
            db.ExperimentCustomers.Add(new ExperimentCustomer { ExperimentId = there.Id, CustomerId = customer, ArmId = there.Arms[b].Id, Exposures = 1 });
            db.ExperimentCustomers.Add(new ExperimentCustomer { ExperimentId = before.Id, CustomerId = customer, ArmId = before.Arms[b].Id, Exposures = 1 });
        }
        await db.SaveChangesAsync();
        return (here, there, before);
    }

    [Fact]
    public async Task Independent_experiments_with_the_same_lift_in_each_others_arms_are_listed_without_a_flag()
    {
        var (here, there, _) = await StoreAsync(0.10, 0.10);

        var overlaps = await new ExperimentInteractions(database.Factory, new()).LoadAsync(here.Id);

        var overlap = Assert.Single(overlaps);
        Assert.Equal(there.Id, overlap.ExperimentId);
        Assert.Equal(4000, overlap.Result.SharedCustomers);
        Assert.False(overlap.Result.AssignmentDependent);
        Assert.False(overlap.Result.EffectsInteract);
    }

    [Fact]
    public async Task A_lift_only_in_one_of_the_others_arms_is_flagged_as_an_interaction()
    {
        var (here, _, _) = await StoreAsync(0.15, 0.0);

        var overlap = Assert.Single(await new ExperimentInteractions(database.Factory, new()).LoadAsync(here.Id));

        Assert.True(overlap.Result.EffectsInteract);
        Assert.False(overlap.Result.AssignmentDependent);
    }

    [Fact]
    public async Task Assignment_that_follows_the_other_experiment_is_flagged_on_both_pages()
    {
        var (here, there, _) = await StoreAsync(0.10, 0.10, dependent: true);
        var interactions = new ExperimentInteractions(database.Factory, new());

        Assert.True(Assert.Single(await interactions.LoadAsync(here.Id)).Result.AssignmentDependent);
        Assert.Contains(await interactions.LoadAsync(there.Id), o => o.ExperimentId == here.Id && o.Result.AssignmentDependent);
    }
}
