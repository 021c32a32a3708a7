using Campaigns.Application.Programme;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Catalog;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Orders;
using Campaigns.Domain.Programme;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.Programme;

/// <summary>
/// The dashboard's cached programme report: 40 customers with one discounted order each, a 30% holdout; changes reach
/// the report through what the store stamp reads (a holdout set, an import's committed rows), not through the cache alone.
/// </summary>
public sealed class ProgrammeSummaryTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task A_new_holdout_and_an_import_make_the_next_read_fresh_and_nothing_else_recomputes_it()
    {
        var summary = new ProgrammeSummary(database.Factory);
        var now = DateTime.UtcNow;
        var period = new HoldoutPeriod { Share = 0.3, Salt = "cache", StartsAt = now.AddDays(-20), SetBy = "tests", FreshDraw = true };
        Guid changed;
        await using (var db = database.Open())
        {
            var category = new Category { Name = "Things" };
            var product = new Product { Sku = "T-1", Name = "Thing", CategoryId = category.Id, Price = 10, Cost = 6 };
            var campaign = new Campaign
            {
                Name = "Spring email", CreatedBy = "tests", StartsAt = now.AddDays(-10), EndsAt = now.AddDays(10), Budget = 100,
                Promotion = new Promotion { Type = PromotionType.FixedAmountOff, AmountOff = 5, Channel = Channel.Email },
            };
            db.AddRange(category, product, campaign);
            var orders = new List<Order>();
            for (var i = 0; i < 40; i++)
            {
                var customer = new Customer { ExternalId = $"C{i:000}", Region = "North" };
                db.Customers.Add(customer);
                var order = new Order
                {
                    CustomerId = customer.Id, PlacedAt = now.AddDays(-5), Subtotal = 20, Discount = 5, Total = 15, CampaignId = campaign.Id,
                    Lines = [new OrderLine { ProductId = product.Id, Quantity = 2, UnitPrice = 10 }],
                };
                db.Orders.Add(order);
                if (!period.Holds(customer.Id)) orders.Add(order);
            }
            changed = orders[0].Id;
            await db.SaveChangesAsync();
        }
        Assert.Null(await summary.ReadAsync());

        await using (var db = database.Open())
        {
            db.HoldoutPeriods.Add(period);
            await db.SaveChangesAsync();
        }
        var first = await summary.ReadAsync();
        Assert.NotNull(first);
        var discounts = first.Cumulative.DiscountCost;
        Assert.True(discounts > 0);

        // Changed in place without an import: the stamp does not move, so the cached figure is served.
        await using (var db = database.Open())
            await db.Orders.Where(o => o.Id == changed).ExecuteUpdateAsync(s => s.SetProperty(o => o.Discount, 10m).SetProperty(o => o.Total, 10m));
        Assert.Equal(discounts, (await summary.ReadAsync())!.Cumulative.DiscountCost);

        // The same change committed by an import (its run's committed rows move): the next read recomputes.
        await using (var db = database.Open())
        {
            db.ImportRuns.Add(new ImportRun { Kind = ImportKind.Orders, FileName = "orders.csv", TriggeredBy = "tests", LastCommittedRow = 1 });
            await db.SaveChangesAsync();
        }
        Assert.Equal(discounts + 5, (await summary.ReadAsync())!.Cumulative.DiscountCost, 6);
    }
}
