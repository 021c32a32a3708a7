using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests;

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
        var (attributes, profiles) = await ProfileAsync(db, store.TrainingSets(db));
        Assert.Equal(TargetingFeatures.CustomerNumeric + TargetingFeatures.CustomerCategorical, profiles.Count);

        // Profiled among today's customers when trained, a version starts with no drift, even in counts that only grow (recency
        // moves by the seconds between the two reads).
        var before = await PsiAsync(db, profiles, attributes);
        Assert.All(before, d => Assert.True(d.Value < 0.01, $"{d.Key} PSI {d.Value} on the day of training"));
        // Every customer suddenly has ten times the orders and spend the model learned from.
        await db.Customers.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Behaviour.OrderCount, c => c.Behaviour.OrderCount * 10 + 10)
            .SetProperty(c => c.Behaviour.TotalSpend, c => c.Behaviour.TotalSpend * 10 + 1000));
        var after = await PsiAsync(db, profiles, attributes);

        Assert.True(after["orders"] > 0.25, $"orders PSI {after["orders"]}");
        Assert.True(after["spend"] > 0.25, $"spend PSI {after["spend"]}");
        Assert.True(after["orders"] > before["orders"]);
        Assert.Equal(before["device"], after["device"], 9);
    }

    /// <summary>The training set's attributes and today's customers' profiles of the model's customer features, each a distribution.</summary>
    internal static async Task<(AttributeSchema Attributes, IReadOnlyList<FeatureProfile> Profiles)> ProfileAsync(Data.CampaignsDbContext db, TrainingSetBuilder builder)
    {
        var set = await builder.BuildAsync(TargetingOutcome.Conversion);
        var profiles = await FeatureDrift.ProfileAsync(db, set.Attributes, CancellationToken.None);
        Assert.All(profiles, p => Assert.Equal(1, p.Shares.Sum(), 9));
        return (set.Attributes, profiles);
    }

    internal static async Task<Dictionary<string, double>> PsiAsync(Data.CampaignsDbContext db, IReadOnlyList<FeatureProfile> profiles, AttributeSchema attributes) =>
        (await FeatureDrift.MeasureAsync(db, profiles, attributes, CancellationToken.None)).ToDictionary(d => d.Feature, d => d.Psi);
}

public sealed class AttributeDriftTests(AttributeStore store) : IClassFixture<AttributeStore>
{
    [Fact]
    public async Task Custom_attributes_are_profiled_with_the_customer_features_and_their_drift_is_measured()
    {
        await using var db = store.Open();
        var (attributes, profiles) = await FeatureDriftTests.ProfileAsync(db, AttributeStore.TrainingSets(db));
        // Profiled with the built-in customer features; a missing loyalty value is its own level ("").
        Assert.Equal(["attr:visits", "attr:loyalty"], profiles.Select(p => p.Feature).Where(f => f.StartsWith(AttributeSchema.Prefix)));
        Assert.Equal(["", "basic", "gold"], profiles.Single(p => p.Feature == "attr:loyalty").Levels!);

        var before = await FeatureDriftTests.PsiAsync(db, profiles, attributes);
        Assert.True(before["attr:loyalty"] < 0.01, $"attr:loyalty PSI {before["attr:loyalty"]}");
        // Every basic member is upgraded to gold after training.
        await db.Customers.ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomAttributesJson, c => c.CustomAttributesJson!.Replace("\"basic\"", "\"gold\"")));
        var after = await FeatureDriftTests.PsiAsync(db, profiles, attributes);

        Assert.True(after["attr:loyalty"] > 0.25, $"attr:loyalty PSI {after["attr:loyalty"]}");
        Assert.Equal(before["attr:visits"], after["attr:visits"], 9);
        // A model without attributes measures none of them.
        Assert.DoesNotContain((await FeatureDriftTests.PsiAsync(db, profiles, AttributeSchema.None)).Keys, f => f.StartsWith(AttributeSchema.Prefix));
    }
}
