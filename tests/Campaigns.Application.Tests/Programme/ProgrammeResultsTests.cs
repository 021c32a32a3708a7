using Campaigns.Application.Programme;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Catalog;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Orders;
using Campaigns.Domain.Programme;

namespace Campaigns.Application.Tests.Programme;

/// <summary>
/// A hand-made store: 60 customers, a holdout of 30% from June 1st. Each customer buys (index mod 3) + 1 orders of 20 in
/// the pre-period and again in June; in July each programme customer buys one extra order of 20 with a discount of 5
/// from an email campaign. Every order is 2 items costing 6 each.
/// </summary>
public sealed class ProgrammeResultsTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private static readonly DateTime Start = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), AsOf = new(2026, 7, 15, 0, 0, 0, DateTimeKind.Utc);

    private ProgrammeResults Results => new(database.Factory);

    /// <summary>An order of 2 items at 10 (costing 6 each), less the discount.</summary>
    internal static Order OrderOf(Customer customer, Product product, DateTime at, decimal discount = 0, Guid? campaign = null) => new()
    {
        CustomerId = customer.Id, PlacedAt = at, Subtotal = 20, Discount = discount, Total = 20 - discount, CampaignId = campaign,
        Lines = [new OrderLine { ProductId = product.Id, Quantity = 2, UnitPrice = 10 }],
    };

    [Fact]
    public async Task The_programme_is_measured_against_the_holdout_per_month_and_since_the_start_from_the_stored_orders()
    {
        var period = new HoldoutPeriod { Share = 0.3, Salt = "hand-made", StartsAt = Start, SetBy = "tests", FreshDraw = true };
        var programme = new List<Customer>();
        await using (var db = database.Open())
        {
            Assert.Null(await Results.ReadAsync(AsOf));
            var category = new Category { Name = "Things" };
            var product = new Product { Sku = "T-1", Name = "Thing", CategoryId = category.Id, Price = 10, Cost = 6 };
            var campaign = new Campaign
            {
                Name = "July email", CreatedBy = "tests", StartsAt = Start.AddDays(30), EndsAt = Start.AddDays(40), Budget = 100,
                Promotion = new Promotion { Type = PromotionType.FixedAmountOff, AmountOff = 5, Channel = Channel.Email },
            };
            db.AddRange(category, product, campaign, period);
            for (var i = 0; i < 60; i++)
            {
                var customer = new Customer { ExternalId = $"C{i:000}", Region = "North" };
                db.Customers.Add(customer);
                for (var k = 0; k <= i % 3; k++)
                {
                    db.Orders.Add(OrderOf(customer, product, Start.AddDays(-30 - k)));
                    db.Orders.Add(OrderOf(customer, product, Start.AddDays(3 + k)));
                }
                if (period.Holds(customer.Id)) continue;
                programme.Add(customer);
                db.Orders.Add(OrderOf(customer, product, Start.AddDays(35), discount: 5, campaign: campaign.Id));
            }
            await db.SaveChangesAsync();
        }
        var n = programme.Count;
        Assert.InRange(60 - n, 2, 58);

        var report = (await Results.ReadAsync(AsOf))!;
        Assert.Equal(Start, report.Since);
        Assert.Equal(["2026-06", "2026-07"], report.Months.Select(m => m.Label));
        var (june, july, all) = (report.Months[0], report.Months[1], report.Cumulative);

        Assert.Equal(n, all.Orders.ProgrammeCustomers);
        Assert.Equal(60 - n, all.Orders.HoldoutCustomers);
        Assert.Equal(0, june.Orders.PerCustomer.Value, 9);
        Assert.Equal(0, june.DiscountCost);
        // July: one extra order per programme customer, exactly.
        Assert.Equal(1, july.Orders.PerCustomer.Value, 9);
        Assert.Equal(n, july.Orders.Incremental.Value, 9);
        Assert.Equal(15, july.Revenue.PerCustomer.Value, 9);
        Assert.Equal(3, july.Margin.PerCustomer.Value, 9);
        Assert.Equal(5 * n, july.DiscountCost, 9);
        // Since the start June's orders vary by customer as the pre-period did: CUPED takes that spread out (θ = 1), leaving the July order.
        Assert.Equal(1, all.Orders.Theta, 9);
        Assert.Equal(1, all.Orders.PerCustomer.Value, 9);
        Assert.Equal(1, all.Orders.PerCustomer.Low, 6);
        Assert.Equal(1, all.Orders.PerCustomer.High, 6);
        Assert.Equal(3 * n, all.Margin.Incremental.Value, 6);
        Assert.Equal(5 * n, all.DiscountCost, 9);

        // The email campaign recorded no qualifiers: its orders are attributed, and it has no incremental estimate.
        var email = Assert.Single(report.ByChannel);
        Assert.Equal((Channel.Email, n, 15 * n, 5 * n), (email.Channel, email.AttributedOrders, email.AttributedRevenue, email.DiscountCost));
        Assert.Null(email.IncrementalOrders);
        Assert.StartsWith("No campaign on this channel has launched since the holdout started", email.NoEstimate);

        var csv = ProgrammeCsv.Write(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 3 * 3 + 3, csv.Length);
        Assert.Equal(csv[0].Count(c => c == ','), csv[1].Count(c => c == ','));
        Assert.Contains($",Email,{n},{15 * n},\"No campaign on this channel", csv[^1]);
        Assert.StartsWith($"2026-07,2026-07-01T00:00:00.0000000Z,2026-07-15T00:00:00.0000000Z,orders,{n},{60 - n},", csv[4]);

        // A re-draw on July 1st: customers it moved between the groups drop out of the windows spanning both draws.
        var redraw = new HoldoutPeriod { Share = 0.3, Salt = "second draw", StartsAt = Start.AddDays(30), SetBy = "tests", FreshDraw = true };
        await using (var db = database.Open())
        {
            db.Attach(period);
            period.EndsAt = redraw.StartsAt;
            db.HoldoutPeriods.Add(redraw);
            await db.SaveChangesAsync();
        }
        await using (var db = database.Open())
        {
            var ids = db.Customers.Select(c => c.Id).ToList();
            var redrawn = (await Results.ReadAsync(AsOf))!;
            Assert.Equal(ids.Count(c => !period.Holds(c) && !redraw.Holds(c)), redrawn.Cumulative.Orders.ProgrammeCustomers);
            Assert.Equal(ids.Count(c => period.Holds(c) && redraw.Holds(c)), redrawn.Cumulative.Orders.HoldoutCustomers);
            Assert.Equal(ids.Count(redraw.Holds), redrawn.Months[1].Orders.HoldoutCustomers);
        }
    }
}
