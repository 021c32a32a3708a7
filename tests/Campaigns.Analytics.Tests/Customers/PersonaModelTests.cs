using Campaigns.Analytics.Customers;

namespace Campaigns.Analytics.Tests.Customers;

public class PersonaModelTests
{
    private static readonly DateOnly Cut = new(2026, 6, 1);

    /// <summary>Three kinds: lapsed deal seekers (old, discounted), loyal big spenders (frequent, large baskets), new customers (one recent order).</summary>
    private static OrderHistory Store(int seed, int each)
    {
        var random = new Random(seed);
        var orders = new List<Order>();
        for (var i = 0; i < each; i++)
        {
            for (var k = 0; k < 2; k++)
                orders.Add(new($"lapsed{i}", Cut.AddDays(-300 - random.Next(60) - 30 * k), 20 + random.Next(10), "toys", 15));
            for (var k = 0; k < 12; k++)
                orders.Add(new($"loyal{i}", Cut.AddDays(-5 - random.Next(3) - 25 * k), 200 + random.Next(50), "garden", 0));
            orders.Add(new($"new{i}", Cut.AddDays(-1 - random.Next(10)), 50 + random.Next(10), "kitchen", 0));
        }
        return OrderHistory.From(orders);
    }

    [Fact]
    public void Clusters_are_named_from_their_centres_in_marketer_words()
    {
        var model = PersonaModel.Train(CustomerFeatures.AsOf(Store(1, 200), Cut), k: 3);
        Assert.Equal(["lapsed deal seekers", "loyal big spenders", "new customers"], model.Personas.Select(p => p.Name).Order());
        Assert.All(model.Personas, p => Assert.Equal(200, p.Size));
    }

    [Fact]
    public void A_cluster_most_of_whose_members_ordered_once_is_never_called_loyal()
    {
        // Most of the store ordered once, long ago and cheaply; a recent big-basket cluster holds a few four-order customers
        // and more one-order ones, so its centre is frequent for this store while its typical member ordered once.
        var random = new Random(3);
        var orders = new List<Order>();
        for (var i = 0; i < 800; i++) orders.Add(new($"old{i}", Cut.AddDays(-300 - random.Next(60)), 20 + random.Next(10), "toys", 3));
        for (var i = 0; i < 80; i++)
            for (var k = 0; k < 4; k++) orders.Add(new($"four{i}", Cut.AddDays(-5 - random.Next(10) - 30 * k), 250 + random.Next(50), "garden", 0));
        for (var i = 0; i < 120; i++) orders.Add(new($"once{i}", Cut.AddDays(-5 - random.Next(10)), 250 + random.Next(50), "garden", 0));
        var history = OrderHistory.From(orders);
        var features = CustomerFeatures.AsOf(history, Cut);
        var model = PersonaModel.Train(features, k: 2);

        var buffer = new double[model.Features.Count];
        var index = Enumerable.Range(0, features.Count).First(i => history.CustomerIds[features.Customer[i]] == "once0");
        var mixed = model.Personas[model.Assign(features, index, buffer)];
        Assert.Equal(200, mixed.Size);
        Assert.True(mixed.Centre[1] > model.Mean[1] + 0.75 * model.Scale[1], "The cluster's centre is frequent for this store.");
        Assert.Equal("new big spenders", mixed.Name);
    }

    [Fact]
    public void A_retrain_keeps_the_ids_and_names_of_the_matching_clusters()
    {
        var first = PersonaModel.Train(CustomerFeatures.AsOf(Store(1, 200), Cut), k: 3, seed: 1);
        var features = CustomerFeatures.AsOf(Store(2, 250), Cut);
        var fresh = PersonaModel.Train(features, k: 3, seed: 5);
        var retrained = PersonaModel.Train(features, k: 3, seed: 5, previous: first);
        Assert.Equal(first.Personas.Select(p => (p.Id, p.Name)).Order(), retrained.Personas.Select(p => (p.Id, p.Name)).Order());
        var buffer = new double[retrained.Features.Count];
        var history = Store(2, 250);
        for (var i = 0; i < features.Count; i++)
        {
            var persona = retrained.Personas[retrained.Assign(features, i, buffer)];
            var id = history.CustomerIds[features.Customer[i]];
            var expected = id.StartsWith("lapsed") ? "lapsed deal seekers" : id.StartsWith("loyal") ? "loyal big spenders" : "new customers";
            Assert.Equal(expected, persona.Name);
            Assert.Equal(first.Personas.Single(p => p.Name == expected).Id, persona.Id);
        }
        Assert.Equal(3, fresh.Personas.Count);
    }

    [Fact]
    public void A_new_cluster_gets_a_new_id_and_the_old_ones_keep_theirs()
    {
        var first = PersonaModel.Train(CustomerFeatures.AsOf(Store(1, 200), Cut), k: 2, seed: 1);
        var second = PersonaModel.Train(CustomerFeatures.AsOf(Store(1, 200), Cut), k: 3, seed: 1, previous: first);
        Assert.Equal(3, second.Personas.Count);
        Assert.Subset(second.Personas.Select(p => p.Id).ToHashSet(), first.Personas.Select(p => p.Id).ToHashSet());
        Assert.Contains(second.Personas, p => p.Id == first.Personas.Max(q => q.Id) + 1);
    }

    [Fact]
    public void Hungarian_finds_the_cheapest_assignment_not_the_greedy_one()
    {
        // Greedy takes (0,0) = 1 then (1,1) = 10: 11. The optimum is (0,1) + (1,0) = 2 + 2 = 4.
        Assert.Equal([1, 0], Hungarian.Assign(new double[,] { { 1, 2 }, { 2, 10 } }));
    }
}
