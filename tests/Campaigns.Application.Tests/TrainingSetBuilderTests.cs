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

    [Fact]
    public async Task Rows_of_an_experiment_that_tried_several_offers_carry_each_offer_and_the_chance_of_what_they_got()
    {
        await using var db = store.Open();
        var set = await store.TrainingSets(db).BuildAsync(TargetingOutcome.Conversion);
        var (data, alternatives) = (set.Data, set.Alternatives);
        var experiments = Enumerable.Range(0, data.Count).GroupBy(i => data.IdAt(i).Split(':')[0]).ToList();
        var multiOffer = experiments.Where(e => alternatives.First[e.First() + 1] > alternatives.First[e.First()]).ToList();
        Assert.NotEmpty(multiOffer);
        foreach (var experiment in multiOffer)
        {
            var (first, count) = (alternatives.First[experiment.First()], alternatives.First[experiment.First() + 1] - alternatives.First[experiment.First()]);
            var tried = alternatives.Offers.Skip(first).Take(count).ToList();
            Assert.True(count >= 2);
            Assert.Equal(count, tried.DistinctBy(o => o.Describe()).Count());
            foreach (var row in experiment)
            {
                var at = alternatives.First[row];
                Assert.Equal(count, alternatives.First[row + 1] - at);
                var logged = alternatives.Logged[row];
                Assert.Equal(logged < 0 ? 0 : 1, data.ArmAt(row));
                if (logged >= 0)
                {
                    // The alternative the row got is the row itself: its own offer, every feature the same.
                    Assert.True(alternatives.Offers[at + logged].SameTermsAs(set.Offers[row]));
                    Assert.Equal(Enumerable.Range(0, data.NumericFeatures.Count).Select(f => data.NumericAt(row, f)),
                        Enumerable.Range(0, data.NumericFeatures.Count).Select(f => alternatives.Rows.NumericAt(at + logged, f)));
                }
                var same = experiment.Count(r => alternatives.Logged[r] == logged);
                Assert.Equal((double)same / experiment.Count(), alternatives.Propensity[row], 9);
            }
        }
        // Rows of single-offer experiments have no alternatives and the share of their arm.
        var single = experiments.First(e => alternatives.First[e.First() + 1] == alternatives.First[e.First()]);
        var treated = single.Count(r => data.ArmAt(r) == 1);
        Assert.All(single, r => Assert.Equal(data.ArmAt(r) == 1 ? (double)treated / single.Count() : 1 - (double)treated / single.Count(), alternatives.Propensity[r], 9));
    }

    private async Task<float[]> RowOf(Assignment assignment)
    {
        await using var db = store.Open();
        var set = await store.TrainingSets(db).BuildAsync(TargetingOutcome.Conversion);
        var row = Enumerable.Range(0, set.Data.Count).Single(i => set.Data.IdAt(i) == TrainingSetBuilder.RowId(assignment.ExperimentId, assignment.CustomerId));
        return Enumerable.Range(0, TargetingFeatures.Numeric.Count).Select(f => set.Data.NumericAt(row, f)).ToArray();
    }
}
