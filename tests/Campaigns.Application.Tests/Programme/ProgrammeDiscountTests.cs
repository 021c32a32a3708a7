using Campaigns.Application.Programme;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Catalog;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Programme;

namespace Campaigns.Application.Tests.Programme;

/// <summary>
/// What the report counts as the programme's discounts: a store's own discounts (a site-wide sale, a loyalty code) reach
/// held-out customers too, so only discounts on orders that name a campaign are what the programme gave away.
/// </summary>
public sealed class ProgrammeDiscountTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task Only_discounts_on_campaign_orders_are_the_programme_s_discounts()
    {
        var start = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var period = new HoldoutPeriod { Share = 0.3, Salt = "discounts", StartsAt = start, SetBy = "tests", FreshDraw = true };
        var inProgramme = 0;
        await using (var db = database.Open())
        {
            var category = new Category { Name = "Things" };
            var product = new Product { Sku = "T-1", Name = "Thing", CategoryId = category.Id, Price = 10, Cost = 6 };
            var campaign = new Campaign
            {
                Name = "June email", CreatedBy = "tests", StartsAt = start.AddDays(5), EndsAt = start.AddDays(15), Budget = 100,
                Promotion = new Promotion { Type = PromotionType.FixedAmountOff, AmountOff = 5, Channel = Channel.Email },
            };
            db.AddRange(category, product, campaign, period);
            for (var i = 0; i < 30; i++)
            {
                var customer = new Customer { ExternalId = $"D{i:000}", Region = "North" };
                db.Customers.Add(customer);
                // Everyone: an order in the site-wide sale, 3 off.
                db.Orders.Add(ProgrammeResultsTests.OrderOf(customer, product, start.AddDays(2), discount: 3));
                if (period.Holds(customer.Id)) continue;
                inProgramme++;
                db.Orders.Add(ProgrammeResultsTests.OrderOf(customer, product, start.AddDays(8), discount: 5, campaign: campaign.Id));
            }
            await db.SaveChangesAsync();
        }

        var report = (await new ProgrammeResults(database.Factory).ReadAsync(start.AddDays(20)))!;

        Assert.InRange(inProgramme, 2, 28);
        Assert.Equal(5 * inProgramme, report.Cumulative.DiscountCost, 9);
        Assert.Equal(5 * inProgramme, Assert.Single(report.ByChannel).DiscountCost, 9);
    }
}
