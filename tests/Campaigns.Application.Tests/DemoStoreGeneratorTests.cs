using Campaigns.Data.Demo;

namespace Campaigns.Application.Tests;

public sealed class DemoStoreGeneratorTests
{
    private static DemoStore Generate(int seed) => new DemoStoreGenerator(seed, DemoDatabase.AsOf).Generate(300);

    [Fact]
    public void One_seed_always_gives_the_same_store_ids_included()
    {
        var (first, second) = (Generate(7), Generate(7));
        Assert.Equal(first.Customers.Select(c => (c.Id, c.ExternalId)), second.Customers.Select(c => (c.Id, c.ExternalId)));
        Assert.Equal(first.Assignments.Select(a => (a.Id, a.CustomerId, a.ArmId)), second.Assignments.Select(a => (a.Id, a.CustomerId, a.ArmId)));
        Assert.Equal(first.OrderLines.Select(l => (l.Id, l.OrderId, l.ProductId)), second.OrderLines.Select(l => (l.Id, l.OrderId, l.ProductId)));
        Assert.NotEqual(first.Customers.Select(c => c.Id), Generate(8).Customers.Select(c => c.Id));
    }

    [Fact]
    public void Ids_are_unique_version_7_and_ascend_in_the_order_rows_were_made()
    {
        var store = Generate(7);
        var ids = store.Customers.Select(c => c.Id).Concat(store.Orders.Select(o => o.Id)).Concat(store.Assignments.Select(a => a.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        var customers = store.Customers.Select(c => c.Id).ToList();
        Assert.Equal(customers.Order(), customers);
    }
}
