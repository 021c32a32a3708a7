using Campaigns.Application.Customers;
using Campaigns.Domain.Catalog;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Orders;

namespace Campaigns.Application.Tests.Customers;

/// <summary>
/// How the customer models read the stored orders: each order's customer, day, amount paid and discount, and the product
/// of its largest line (price × quantity) with that product's category, on every provider.
/// </summary>
public sealed class StoredOrdersTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task Each_order_is_read_with_its_day_amounts_and_the_product_of_its_largest_line()
    {
        var shoes = new Category { Name = "Shoes" };
        var bags = new Category { Name = "Bags" };
        var boot = new Product { Sku = "B-1", Name = "Boot", CategoryId = shoes.Id, Price = 30, Cost = 12 };
        var tote = new Product { Sku = "T-1", Name = "Tote", CategoryId = bags.Id, Price = 10, Cost = 4 };
        var customers = Enumerable.Range(0, 12).Select(i => new Customer { ExternalId = $"S{i:00}", Region = "North" }).ToList();
        await using (var db = database.Open())
        {
            db.AddRange(shoes, bags, boot, tote);
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            // One order a customer, each saved on its own, so the table holds them in this order.
            for (var i = 0; i < customers.Count; i++)
            {
                db.Orders.Add(new Order
                {
                    CustomerId = customers[i].Id, PlacedAt = new DateTime(2026, 3, 4 + i, 23, 59, 30, DateTimeKind.Utc),
                    Subtotal = 70, Discount = i, Total = 70 - i,
                    // The dearer unit is the smaller line: four totes at 10 outweigh one boot at 30.
                    Lines = i == 0 ? [] : [new OrderLine { ProductId = boot.Id, Quantity = 1, UnitPrice = 30 }, new OrderLine { ProductId = tote.Id, Quantity = 4, UnitPrice = 10 }],
                });
                await db.SaveChangesAsync();
            }
        }

        await using var read = database.Open();
        var history = await StoredOrders.ReadAsync(read, null, default);

        Assert.Equal(customers.Select(c => c.Id.ToString()), history.CustomerIds);
        for (var c = 0; c < customers.Count; c++)
        {
            var o = history.Start[c];
            Assert.Equal(o + 1, history.Start[c + 1]);
            Assert.Equal(new DateOnly(2026, 3, 4 + c).DayNumber, history.Day[o]);
            Assert.Equal(70 - c, history.Amount[o]);
            Assert.Equal(c, history.Discount[o]);
            if (c == 0)
            {
                Assert.Equal(Analytics.Customers.OrderHistory.NoProduct, history.Product[o]);
                Assert.Equal(Analytics.Customers.OrderHistory.NoCategory, history.Category[o]);
                continue;
            }
            Assert.Equal(tote.Id.ToString(), history.Products[history.Product[o]]);
            Assert.Equal("Bags", history.Categories[history.Category[o]]);
        }
    }
}
