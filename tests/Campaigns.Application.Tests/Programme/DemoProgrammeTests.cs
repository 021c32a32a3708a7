using Campaigns.Application.Programme;
using Campaigns.Data.Demo;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Tests.Programme;

/// <summary>The programme report over a demo store seeded with a global holdout.</summary>
public sealed class DemoProgrammeTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task A_demo_store_seeded_with_a_holdout_gives_the_programme_report_its_groups_and_each_channel_its_qualifiers()
    {
        var generator = new DemoStoreGenerator(3, DemoDatabase.AsOf, new DemoHoldout(Share: 0.2));
        var store = generator.Generate(2000);
        await using (var db = database.Open())
            await new DemoStoreSeeder(db).WriteAsync(store);

        var report = await new ProgrammeResults(database.Factory).ReadAsync(DemoDatabase.AsOf.Date);
        Assert.NotNull(report);
        var truth = generator.TrueProgrammeEffect();
        Assert.Equal(store.HoldoutPeriods[0].StartsAt, report.Since);
        Assert.Equal(truth.ProgrammeCustomers, report.Cumulative.Orders.ProgrammeCustomers);
        Assert.Equal(truth.HeldOutCustomers, report.Cumulative.Orders.HoldoutCustomers);
        // Every channel of the campaigns since the start has qualifiers in both groups, and so an estimate.
        var channels = store.Campaigns.Where(c => c.StartsAt >= report.Since && c.StartsAt < report.AsOf).Select(c => c.Promotion.Channel).Distinct().Order();
        Assert.Equal(channels, report.ByChannel.Select(c => c.Channel));
        Assert.All(report.ByChannel, c =>
        {
            Assert.Null(c.NoEstimate);
            Assert.Equal(store.Qualifiers.Where(q => !q.HeldOut && Channel(q.CampaignId) == c.Channel).Select(q => q.CustomerId).Distinct().Count(), c.ProgrammeQualifiers);
            Assert.Equal(store.Qualifiers.Where(q => q.HeldOut && Channel(q.CampaignId) == c.Channel).Select(q => q.CustomerId).Distinct().Count(), c.HoldoutQualifiers);
        });

        Channel Channel(Guid campaignId) => store.Campaigns.First(c => c.Id == campaignId).Promotion.Channel;
    }
}
