using Microsoft.EntityFrameworkCore;

namespace Campaigns.Targeting.Tests;

/// <summary>Its own store: the test changes customers' behaviour.</summary>
public sealed class DriftingDemoDatabase : DemoDatabase
{
    protected override int Customers => 1500;
}

public sealed class FeatureDriftTests(DriftingDemoDatabase store) : IClassFixture<DriftingDemoDatabase>
{
    [Fact]
    public async Task A_customer_feature_that_shifts_after_training_is_measured_as_major_drift()
    {
        await using var db = store.Open();
        var set = await store.TrainingSets(db).BuildAsync(TargetingOutcome.Conversion);
        var profiles = FeatureDrift.Profile(set.Data);
        Assert.Equal(TargetingFeatures.CustomerNumeric + TargetingFeatures.CustomerCategorical, profiles.Count);
        Assert.All(profiles, p => Assert.Equal(1, p.Shares.Sum(), 9));

        var before = (await FeatureDrift.MeasureAsync(db, profiles, CancellationToken.None)).ToDictionary(d => d.Feature, d => d.Psi);
        // Every customer suddenly has ten times the orders and spend the model learned from.
        await db.Customers.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Behaviour.OrderCount, c => c.Behaviour.OrderCount * 10 + 10)
            .SetProperty(c => c.Behaviour.TotalSpend, c => c.Behaviour.TotalSpend * 10 + 1000));
        var after = (await FeatureDrift.MeasureAsync(db, profiles, CancellationToken.None)).ToDictionary(d => d.Feature, d => d.Psi);

        Assert.True(after["orders"] > 0.25, $"orders PSI {after["orders"]}");
        Assert.True(after["spend"] > 0.25, $"spend PSI {after["spend"]}");
        Assert.True(after["orders"] > before["orders"]);
        Assert.Equal(before["device"], after["device"], 9);
    }
}
