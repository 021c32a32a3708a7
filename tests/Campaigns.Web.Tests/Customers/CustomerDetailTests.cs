using Bunit;
using Campaigns.Application.Customers;
using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Domain.Customers;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Customers;

/// <summary>A customer's page over the seeded app's database.</summary>
public class CustomerDetailTests : ComponentTest, IClassFixture<SeededApp>
{
    private readonly SeededApp _store;

    public CustomerDetailTests(SeededApp store)
    {
        _store = store;
        var options = new DatabaseOptions { ConnectionString = $"Data Source={store.App.DatabasePath}" };
        Context.Services.AddDbContextFactory<CampaignsDbContext>(options.Apply);
        Context.Services.AddScoped<CustomerProfileService>();
        Context.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new CustomerInsightsOptions { ChurnDays = 60 }));
        SignInAs(Roles.Marketer);
    }

    private static List<string> Cells(IRenderedComponent<CustomerDetailHost> page, string table) =>
        page.FindAll($"[data-testid={table}] tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()))).ToList();

    [Fact]
    public void An_unknown_id_says_no_customer_has_it()
    {
        var page = Render<CustomerDetailHost>(p => p.Add(h => h.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("No customer with this id", page.Find("[data-testid=customer-not-found]").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Shows_the_attributes_the_behaviour_the_orders_and_the_campaigns_received()
    {
        var externalId = $"WD{Guid.NewGuid():N}"[..12];
        var campaign = $"Detail {externalId}";
        var customer = await _store.App.CustomerWithHistoryAsync(externalId, campaign);

        var page = Render<CustomerDetailHost>(p => p.Add(h => h.Id, customer.Id));

        page.WaitForAssertion(() => Assert.Equal($"Customer {externalId}", page.Find("[data-testid=customer-title]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal([$"External id | {externalId}", "Name | Ada", $"Email | {customer.Email}", "Region | North", "Device | Tablet", "Signed up | 2024-10-01", "Email opt-in | No"],
            Cells(page, "customer-attributes"));
        Assert.Equal(["tier | gold"], Cells(page, "customer-imported-attributes"));
        var behaviour = Cells(page, "customer-behaviour");
        Assert.Equal(["Orders | 2", "Spend | €1,234.50", "Average order value | €617.25", "Last order | 2026-10-01", "Orders with a discount | 50%"], behaviour[..5]);
        Assert.Matches("^Top category \\| .+", behaviour[5]);
        Assert.DoesNotContain("—", behaviour[5]);
        Assert.Equal(
        [
            $"2026-10-01 09:30 | €700.00 | €70.00 | €630.00 | GOLD10 | 3 | {campaign}",
            "2026-09-01 09:30 | €604.50 | — | €604.50 | — | 1 | —",
        ], Cells(page, "customer-orders"));
        Assert.Equal([$"{campaign} | 20% off | 2026-09-30 | 2026-09-30 | Yes | €42.50"], Cells(page, "customer-campaigns"));
        Assert.Equal(2, page.FindAll($"a[href^='campaigns/']").Count);
        Assert.Contains("No predictions yet", page.Find("[data-testid=no-predictions]").TextContent);
    }

    [Fact]
    public async Task Shows_the_latest_predictions_with_their_horizons_band_persona_and_what_the_customer_is_likely_to_buy_by_name()
    {
        var externalId = $"WP{Guid.NewGuid():N}"[..12];
        var customer = await _store.App.CustomerWithHistoryAsync(externalId, $"Predictions {externalId}");
        List<Domain.Catalog.Category> categories;
        List<Domain.Catalog.Product> products;
        await using (var db = _store.App.OpenDatabase())
        {
            categories = await db.Categories.OrderBy(c => c.Name).Take(2).ToListAsync();
            products = await db.Products.OrderBy(p => p.Sku).Take(2).ToListAsync();
            db.CustomerScores.Add(new CustomerScore
            {
                CustomerId = customer.Id, ChurnRisk = 0.72, PurchaseProbability = 0.08, ExpectedOrders = 0.6, PredictedValue = 85.5m, ValuePercentile = 0.93,
                PersonaId = 3, Persona = "lapsed deal seekers", ScoredAt = new DateTime(2026, 11, 2, 3, 0, 0), ModelVersionId = Guid.NewGuid(),
                // The second category first: the page keeps the model's order.
                TopCategory1Id = categories[1].Id, TopCategory2Id = categories[0].Id,
                TopProductIds = string.Join(',', products[1].Id, products[0].Id),
            });
            await db.SaveChangesAsync();
        }

        var page = Render<CustomerDetailHost>(p => p.Add(h => h.Id, customer.Id));

        page.WaitForAssertion(() => Assert.Equal("72%", page.Find("[data-testid=prediction-churn]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        var panel = page.Find("[data-testid=customer-predictions]").TextContent;
        Assert.Contains("high risk", panel);
        Assert.Contains("chance of no order in 60 days", panel);
        Assert.Equal("8%", page.Find("[data-testid=prediction-purchase]").TextContent.Trim());
        Assert.Equal("€85.50", page.Find("[data-testid=prediction-value]").TextContent.Trim());
        Assert.Contains("in the top 7% by predicted value", panel);
        Assert.Contains("Not within a year", panel);
        Assert.Equal("lapsed deal seekers", page.Find("[data-testid=prediction-persona]").TextContent.Trim());
        Assert.Equal([categories[1].Name, categories[0].Name], page.FindAll("[data-testid=prediction-categories] .mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Equal($"{products[1].Name}, {products[0].Name}", page.Find("[data-testid=prediction-products]").TextContent.Trim());
    }

    [Fact]
    public async Task A_customer_without_orders_campaigns_or_imported_attributes_says_so()
    {
        var customer = new Domain.Customers.Customer { ExternalId = $"WN{Guid.NewGuid():N}"[..12], Region = "South" };
        await using (var db = _store.App.OpenDatabase())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }

        var page = Render<CustomerDetailHost>(p => p.Add(h => h.Id, customer.Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=customer-no-orders]")), TimeSpan.FromSeconds(10));
        Assert.NotNull(page.Find("[data-testid=customer-no-campaigns]"));
        Assert.NotNull(page.Find("[data-testid=customer-no-imported-attributes]"));
        Assert.Contains("Not computed yet", page.Find("[data-testid=behaviour-computed]").TextContent);
        Assert.Equal("—", page.Find("[data-testid=behaviour-aov]").TextContent.Trim());
    }
}
