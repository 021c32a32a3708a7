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

        var before = (await FeatureDrift.MeasureAsync(db, profiles, AttributeSchema.None, CancellationToken.None)).ToDictionary(d => d.Feature, d => d.Psi);
        // Every customer suddenly has ten times the orders and spend the model learned from.
        await db.Customers.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Behaviour.OrderCount, c => c.Behaviour.OrderCount * 10 + 10)
            .SetProperty(c => c.Behaviour.TotalSpend, c => c.Behaviour.TotalSpend * 10 + 1000));
        var after = (await FeatureDrift.MeasureAsync(db, profiles, AttributeSchema.None, CancellationToken.None)).ToDictionary(d => d.Feature, d => d.Psi);

        Assert.True(after["orders"] > 0.25, $"orders PSI {after["orders"]}");
        Assert.True(after["spend"] > 0.25, $"spend PSI {after["spend"]}");
        Assert.True(after["orders"] > before["orders"]);
        Assert.Equal(before["device"], after["device"], 9);
    }
}

public sealed class AttributeDriftTests(AttributeStore store) : IClassFixture<AttributeStore>
{
    [Fact]
    public async Task Custom_attributes_are_profiled_with_the_customer_features_and_their_drift_is_measured()
    {
        await using var db = store.Open();
        var set = await AttributeStore.TrainingSets(db).BuildAsync(TargetingOutcome.Conversion);
        var profiles = FeatureDrift.Profile(set.Data);
        Assert.Equal(TargetingFeatures.CustomerNumeric + TargetingFeatures.CustomerCategorical + 2, profiles.Count);
        Assert.Equal(["", "basic", "gold"], profiles.Single(p => p.Feature == "attr:loyalty").Levels!);
        Assert.NotNull(profiles.Single(p => p.Feature == "attr:visits").Edges);

        var before = (await FeatureDrift.MeasureAsync(db, profiles, set.Attributes, CancellationToken.None)).ToDictionary(d => d.Feature, d => d.Psi);
        Assert.True(before["attr:loyalty"] < 0.01, $"attr:loyalty PSI {before["attr:loyalty"]}");
        // Every basic member is upgraded to gold after training.
        await db.Customers.ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomAttributesJson, c => c.CustomAttributesJson!.Replace("\"basic\"", "\"gold\"")));
        var after = (await FeatureDrift.MeasureAsync(db, profiles, set.Attributes, CancellationToken.None)).ToDictionary(d => d.Feature, d => d.Psi);

        Assert.True(after["attr:loyalty"] > 0.25, $"attr:loyalty PSI {after["attr:loyalty"]}");
        Assert.Equal(before["attr:visits"], after["attr:visits"], 9);
        // A model without attributes measures none of them.
        Assert.DoesNotContain((await FeatureDrift.MeasureAsync(db, profiles, AttributeSchema.None, CancellationToken.None)), d => d.Feature.StartsWith(AttributeSchema.Prefix));
    }
}
