using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Orders;
using Campaigns.Web.Tests.Infrastructure;

namespace Campaigns.Web.Tests.Customers;

/// <summary>A customer of a test's own in the seeded app's store, with an id no demo customer has.</summary>
public static class CustomerStore
{
    /// <summary>
    /// A customer with imported attributes, two orders (the newer converted <paramref name="campaign"/>'s name with a
    /// coupon) and an assignment to that campaign's offer arm that converted for 42.50.
    /// </summary>
    public static async Task<Customer> CustomerWithHistoryAsync(this AppFactory app, string externalId, string campaign)
    {
        var day = new DateTime(2026, 10, 1, 9, 30, 0, DateTimeKind.Utc);
        await using var db = app.OpenDatabase();
        var product = db.Products.First();
        var customer = new Customer
        {
            ExternalId = externalId, FirstName = "Ada", Email = $"{externalId.ToLowerInvariant()}@example.com", Region = "North", Device = Device.Tablet,
            SignedUpAt = day.AddYears(-2), EmailOptIn = false, CustomAttributesJson = """{"tier":"gold"}""",
            Behaviour = new CustomerBehaviour { OrderCount = 2, TotalSpend = 1234.5m, AverageOrderValue = 617.25m, DiscountShare = 0.5, LastOrderAt = day, TopCategoryId = product.CategoryId, ComputedAt = day },
        };
        var converted = new Campaign { Name = campaign, CreatedBy = "tests" };
        var experiment = new Experiment { CampaignId = converted.Id, Name = campaign, Status = ExperimentStatus.Running };
        var arm = new Arm { ExperimentId = experiment.Id, Name = "20% off", Position = 1, Allocation = 1 };
        experiment.Arms.Add(arm);
        var newer = new Order { CustomerId = customer.Id, PlacedAt = day, Subtotal = 700, Discount = 70, Total = 630, CouponCode = "GOLD10", CampaignId = converted.Id };
        newer.Lines.Add(new OrderLine { ProductId = product.Id, Quantity = 3, UnitPrice = 100 });
        var older = new Order { CustomerId = customer.Id, PlacedAt = day.AddDays(-30), Subtotal = 604.5m, Total = 604.5m };
        older.Lines.Add(new OrderLine { ProductId = product.Id, Quantity = 1, UnitPrice = 604.5m });
        db.AddRange(customer, converted, experiment, newer, older);
        db.Assignments.Add(new Assignment { ExperimentId = experiment.Id, ArmId = arm.Id, CustomerId = customer.Id, AssignedAt = day.AddDays(-1) });
        db.ExperimentCustomers.Add(new ExperimentCustomer
        {
            ExperimentId = experiment.Id, CustomerId = customer.Id, ArmId = arm.Id, Exposures = 1, Conversions = 1, Revenue = 42.5,
            FirstExposedAt = day.AddDays(-1), FirstConvertedAt = day, Region = "North", Device = Device.Tablet,
        });
        await db.SaveChangesAsync();
        return customer;
    }
}
