using Campaigns.Application.Customers;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Catalog;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Orders;

namespace Campaigns.Application.Tests.Customers;

/// <summary>Customer search and profile over a database each test writes its own customers into (ids prefixed per test, so tests share the file).</summary>
public sealed class CustomerProfileServiceTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private readonly string _prefix = $"T{Guid.NewGuid():N}"[..9];
    private static readonly DateTime Day = new(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);

    private CustomerProfileService Service => new(database.Factory);

    private async Task<Customer> AddCustomerAsync(string id, string? email = null, Action<Customer>? configure = null)
    {
        var customer = new Customer { ExternalId = _prefix + id, Email = email, Region = "North", SignedUpAt = Day.AddYears(-1) };
        configure?.Invoke(customer);
        await using var db = database.Open();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    [Fact]
    public async Task An_exact_external_id_comes_first_then_the_ids_it_starts_then_the_emails_that_contain_it()
    {
        await AddCustomerAsync("C100");
        await AddCustomerAsync("C10");
        await AddCustomerAsync("C1");
        await AddCustomerAsync("C2");
        // Its id sorts before the others, its email matches.
        await AddCustomerAsync("A", $"{_prefix}c10@example.com");

        var result = await Service.SearchAsync($" {_prefix}C10 ");

        Assert.Equal([_prefix + "C10", _prefix + "C100", _prefix + "A"], result.Matches.Select(m => m.ExternalId));
        Assert.False(result.More);
    }

    [Fact]
    public async Task An_email_is_found_by_any_part_of_it_in_any_case()
    {
        var ada = await AddCustomerAsync("A", $"Ada.Lovelace.{_prefix}@Example.com", c =>
        {
            c.FirstName = "Ada";
            c.Behaviour = new CustomerBehaviour { OrderCount = 3, TotalSpend = 120.5m, LastOrderAt = Day };
        });
        await AddCustomerAsync("B", $"grace.{_prefix}@example.com");

        var result = await Service.SearchAsync($"lovelace.{_prefix.ToUpperInvariant()}@example");

        var match = Assert.Single(result.Matches);
        Assert.Equal(new CustomerMatch(ada.Id, _prefix + "A", "Ada", ada.Email, "North", 3, 120.5m, Day), match);
    }

    [Fact]
    public async Task A_vague_term_shows_the_first_twenty_and_says_there_are_more()
    {
        for (var i = 0; i < CustomerProfileService.MaxMatches + 1; i++) await AddCustomerAsync($"M{i:D2}");

        var result = await Service.SearchAsync(_prefix + "M");

        Assert.Equal(CustomerProfileService.MaxMatches, result.Matches.Count);
        Assert.Equal(_prefix + "M00", result.Matches[0].ExternalId);
        Assert.True(result.More);
    }

    [Fact]
    public async Task Emails_fill_the_matches_the_ids_leave_and_count_toward_more()
    {
        for (var i = 0; i < CustomerProfileService.MaxMatches - 1; i++) await AddCustomerAsync($"K{i:D2}");
        await AddCustomerAsync("E1", $"{_prefix}k@example.com");
        await AddCustomerAsync("E2", $"{_prefix}K@example.org");

        var result = await Service.SearchAsync(_prefix + "K");

        Assert.Equal(_prefix + "E1", result.Matches[^1].ExternalId);
        Assert.Equal(CustomerProfileService.MaxMatches, result.Matches.Count);
        Assert.True(result.More);
    }

    [Fact]
    public async Task A_blank_term_or_one_nobody_matches_finds_no_one()
    {
        await AddCustomerAsync("Z", "z@example.com");

        Assert.Empty((await Service.SearchAsync("  ")).Matches);
        Assert.Empty((await Service.SearchAsync(_prefix + "nobody")).Matches);
    }

    [Fact]
    public async Task An_unknown_id_has_no_profile()
    {
        Assert.Null(await Service.LoadAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task The_profile_shows_the_attributes_and_the_top_category_by_name()
    {
        var category = new Category { Name = "Garden " + _prefix };
        await using (var db = database.Open())
        {
            db.Categories.Add(category);
            await db.SaveChangesAsync();
        }
        var customer = await AddCustomerAsync("P", "p@example.com", c =>
        {
            c.Device = Device.Mobile;
            c.EmailOptIn = false;
            c.CustomAttributesJson = """{"tier":"gold","age":42,"Loyal":true}""";
            c.Behaviour = new CustomerBehaviour { OrderCount = 4, TotalSpend = 200, AverageOrderValue = 50, DiscountShare = 0.25, TopCategoryId = category.Id };
        });

        var profile = (await Service.LoadAsync(customer.Id))!;

        Assert.Equal((_prefix + "P", Device.Mobile, false), (profile.ExternalId, profile.Device, profile.EmailOptIn));
        Assert.Equal([new("age", "42"), new("Loyal", "true"), new CustomerAttribute("tier", "gold")], profile.Attributes);
        Assert.Equal((4, 200m, 0.25), (profile.Behaviour.OrderCount, profile.Behaviour.TotalSpend, profile.Behaviour.DiscountShare));
        Assert.Equal(category.Name, profile.TopCategory);
    }

    [Fact]
    public async Task Attributes_that_are_not_a_JSON_object_show_as_none()
    {
        var customer = await AddCustomerAsync("J", configure: c => c.CustomAttributesJson = "{not json");

        Assert.Empty((await Service.LoadAsync(customer.Id))!.Attributes);
    }

    [Fact]
    public async Task The_latest_twenty_five_orders_come_newest_first_with_the_campaign_each_converted()
    {
        var customer = await AddCustomerAsync("O");
        var campaign = new Campaign { Name = "Spring " + _prefix, CreatedBy = "tests" };
        var category = new Category { Name = "Tools " + _prefix };
        var product = new Product { Sku = "SKU-" + _prefix, Name = "Spade", CategoryId = category.Id, Price = 10 };
        await using (var db = database.Open())
        {
            db.AddRange(campaign, category, product);
            // 30 orders a day apart; the newest converted the campaign with a coupon and holds 2 + 3 items.
            for (var i = 0; i < 30; i++)
            {
                var order = new Order { CustomerId = customer.Id, PlacedAt = Day.AddDays(-i), Subtotal = 50 + i, Total = 50 + i };
                order.Lines.Add(new OrderLine { ProductId = product.Id, Quantity = 1, UnitPrice = 10 });
                if (i == 0)
                {
                    order.CampaignId = campaign.Id;
                    order.CouponCode = "SPRING10";
                    order.Discount = 5;
                    order.Lines[0].Quantity = 2;
                    order.Lines.Add(new OrderLine { ProductId = product.Id, Quantity = 3, UnitPrice = 10 });
                }
                db.Orders.Add(order);
            }
            await db.SaveChangesAsync();
        }

        var orders = (await Service.LoadAsync(customer.Id))!.Orders;

        Assert.Equal(CustomerProfileService.MaxOrders, orders.Count);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => Day.AddDays(-i)), orders.Select(o => o.PlacedAt));
        Assert.Equal((5, "SPRING10", 5m, campaign.Id, campaign.Name), (orders[0].Items, orders[0].CouponCode, orders[0].Discount, orders[0].CampaignId, orders[0].CampaignName));
        Assert.All(orders.Skip(1), o => Assert.Equal((1, null, null), (o.Items, o.CampaignId, o.CampaignName)));
    }

    [Fact]
    public async Task The_campaigns_received_come_newest_first_with_the_arm_exposure_conversion_and_revenue()
    {
        var customer = await AddCustomerAsync("R");
        var older = new Campaign { Name = "Older " + _prefix, CreatedBy = "tests" };
        var newer = new Campaign { Name = "Newer " + _prefix, CreatedBy = "tests" };
        var olderExperiment = new Experiment { CampaignId = older.Id, Name = older.Name, Status = ExperimentStatus.Stopped };
        var newerExperiment = new Experiment { CampaignId = newer.Id, Name = newer.Name, Status = ExperimentStatus.Running };
        var offer = new Arm { ExperimentId = olderExperiment.Id, Name = "20% off", Position = 1, Allocation = 0.5 };
        var control = new Arm { ExperimentId = newerExperiment.Id, Name = "Control", Position = 0, Allocation = 0.5, IsControl = true };
        olderExperiment.Arms.Add(offer);
        newerExperiment.Arms.Add(control);
        await using (var db = database.Open())
        {
            db.AddRange(older, newer, olderExperiment, newerExperiment);
            db.Assignments.AddRange(
                new Assignment { ExperimentId = olderExperiment.Id, ArmId = offer.Id, CustomerId = customer.Id, AssignedAt = Day.AddDays(-20) },
                new Assignment { ExperimentId = newerExperiment.Id, ArmId = control.Id, CustomerId = customer.Id, AssignedAt = Day });
            // Only the older experiment's events were rolled up: an exposure and a conversion worth 42.5.
            db.ExperimentCustomers.Add(new ExperimentCustomer
            {
                ExperimentId = olderExperiment.Id, CustomerId = customer.Id, ArmId = offer.Id, Exposures = 1, Conversions = 1, Revenue = 42.5,
                FirstExposedAt = Day.AddDays(-19), FirstConvertedAt = Day.AddDays(-18), Region = "North",
            });
            await db.SaveChangesAsync();
        }

        var campaigns = (await Service.LoadAsync(customer.Id))!.Campaigns;

        Assert.Equal(
        [
            new CustomerCampaign(newer.Id, newer.Name, "Control", true, Day, null, false, 0),
            new CustomerCampaign(older.Id, older.Name, "20% off", false, Day.AddDays(-20), Day.AddDays(-19), true, 42.5),
        ], campaigns);
    }
}
