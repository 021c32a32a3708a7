using Campaigns.Application.Targeting;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests;

public sealed class TrainingSetBuilderTests(DemoDatabase store) : IClassFixture<DemoDatabase>
{
    private static int Feature(string name) => TargetingFeatures.Numeric.ToList().IndexOf(name);

    [Fact]
    public async Task Has_one_row_per_assignment_of_every_finished_experiment()
    {
        await using var db = store.Open();
        var set = await store.TrainingSets(db).BuildAsync(TargetingOutcome.Conversion);
        var expected = await db.Assignments.CountAsync(a => db.Experiments.Any(e => e.Id == a.ExperimentId && e.Status == ExperimentStatus.Stopped));
        Assert.Equal(expected, set.Data.Count);
        Assert.Equal(await db.Experiments.CountAsync(e => e.Status == ExperimentStatus.Stopped), set.Experiments);
        Assert.Contains(Enumerable.Range(0, set.Data.Count), i => set.Data.ArmAt(i) == 0);
        Assert.Contains(Enumerable.Range(0, set.Data.Count), i => set.Data.ArmAt(i) == 1);
    }

    [Fact]
    public async Task Outcomes_are_the_conversions_the_experiment_rolled_up()
    {
        await using var db = store.Open();
        var set = await store.TrainingSets(db).BuildAsync(TargetingOutcome.Conversion);
        var converted = await db.ExperimentCustomers.CountAsync(x => x.Conversions > 0 && db.Experiments.Any(e => e.Id == x.ExperimentId && e.Status == ExperimentStatus.Stopped));
        Assert.Equal(converted, Enumerable.Range(0, set.Data.Count).Count(i => set.Data.OutcomeAt(i) == 1));
    }

    [Fact]
    public async Task Features_never_use_orders_placed_after_the_assignment()
    {
        await using var db = store.Open();
        var assignment = await db.Assignments.OrderBy(a => a.AssignedAt)
            .FirstAsync(a => db.Experiments.Any(e => e.Id == a.ExperimentId && e.Status == ExperimentStatus.Stopped));
        var before = await RowOf(assignment);
        Guid productId;
        await using (var read = store.Open()) productId = await read.Products.Select(p => p.Id).FirstAsync();
        List<OrderLine> Items(int quantity) => [new OrderLine { ProductId = productId, Quantity = quantity, UnitPrice = 5000m / quantity }];

        // An order the day after the assignment (as the promotion itself may cause) must change nothing.
        await using (var write = store.Open())
        {
            write.Orders.Add(new Order { CustomerId = assignment.CustomerId, PlacedAt = assignment.AssignedAt.AddDays(1), Subtotal = 5000, Total = 5000, Discount = 500, Lines = Items(7) });
            await write.SaveChangesAsync();
        }
        var after = await RowOf(assignment);
        Assert.Equal(before, after);

        // The same order a day before the assignment is history, and shows.
        await using (var write = store.Open())
        {
            write.Orders.Add(new Order { CustomerId = assignment.CustomerId, PlacedAt = assignment.AssignedAt.AddDays(-1), Subtotal = 5000, Total = 5000, Lines = Items(4) });
            await write.SaveChangesAsync();
        }
        var withHistory = await RowOf(assignment);
        Assert.Equal(before[Feature("orders")] + 1, withHistory[Feature("orders")]);
        Assert.Equal(before[Feature("spend")] + 5000, withHistory[Feature("spend")], 1);
        Assert.Equal(1, withHistory[Feature("recency_days")], 0.01);
        var items = before[Feature("items_per_order")] * before[Feature("orders")];
        Assert.Equal((float.IsNaN(items) ? 0 : items) + 4, withHistory[Feature("items_per_order")] * withHistory[Feature("orders")], 2);
    }

    private async Task<float[]> RowOf(Assignment assignment)
    {
        await using var db = store.Open();
        var set = await store.TrainingSets(db).BuildAsync(TargetingOutcome.Conversion);
        var row = Enumerable.Range(0, set.Data.Count).Single(i => set.Data.IdAt(i) == TrainingSetBuilder.RowId(assignment.ExperimentId, assignment.CustomerId));
        return Enumerable.Range(0, TargetingFeatures.Numeric.Count).Select(f => set.Data.NumericAt(row, f)).ToArray();
    }
}
