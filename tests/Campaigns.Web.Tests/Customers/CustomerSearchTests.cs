using AngleSharp.Dom;
using Bunit;
using Campaigns.Application.Customers;
using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Customers;

/// <summary>The customer search over the seeded app's database.</summary>
public class CustomerSearchTests : ComponentTest, IClassFixture<SeededApp>
{
    private readonly SeededApp _store;

    public CustomerSearchTests(SeededApp store)
    {
        _store = store;
        var options = new DatabaseOptions { ConnectionString = $"Data Source={store.App.DatabasePath}" };
        Context.Services.AddDbContextFactory<CampaignsDbContext>(options.Apply);
        Context.Services.AddScoped<CustomerProfileService>();
        SignInAs(Roles.Marketer);
    }

    /// <summary>Opens the page at an address that carries a search, as going back from a customer's page does.</summary>
    private IRenderedComponent<CustomerSearchHost> RenderWithQuery(string term)
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"customers?q={Uri.EscapeDataString(term)}");
        return Render<CustomerSearchHost>();
    }

    private static IElement SearchBox(IRenderedComponent<CustomerSearchHost> page) => page.Find("input[data-testid=customer-search], [data-testid=customer-search] input");

    [Fact]
    public void Before_a_search_it_says_what_to_type()
    {
        var page = Render<CustomerSearchHost>();

        Assert.Contains("external id", page.Find("[data-testid=customer-search-hint]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=customer-table]"));
    }

    [Fact]
    public async Task Typing_the_start_of_an_external_id_lists_the_customer_with_a_link_to_their_page()
    {
        var externalId = $"WS{Guid.NewGuid():N}"[..12];
        var customer = await _store.App.CustomerWithHistoryAsync(externalId, $"Search {externalId}");
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("customers");
        var page = Render<CustomerSearchHost>();

        SearchBox(page).Input(externalId[..10]);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=customer-table] tbody tr")), TimeSpan.FromSeconds(10));
        var cells = page.FindAll("[data-testid=customer-table] tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([externalId, "Ada", customer.Email!, "North", "2", "€1,234.50", "2026-10-01"], cells);
        Assert.NotNull(page.Find($"a[href='customers/{customer.Id}']"));
        // Kept in the address, so going back from the customer's page shows these matches again.
        Assert.EndsWith($"customers?q={externalId[..10]}", Context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_search_in_the_address_is_run_when_the_page_opens_and_finds_emails_in_any_case()
    {
        var externalId = $"WE{Guid.NewGuid():N}"[..12];
        var customer = await _store.App.CustomerWithHistoryAsync(externalId, $"Email {externalId}");

        var page = RenderWithQuery(externalId.ToUpperInvariant() + "@EXAMPLE");

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=customer-table] a[href='customers/{customer.Id}']")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_term_no_customer_matches_says_so()
    {
        var page = Render<CustomerSearchHost>();

        SearchBox(page).Input("no-such-customer-anywhere");

        page.WaitForAssertion(() => Assert.Contains("No customer's external id starts with \"no-such-customer-anywhere\"",
            page.Find("[data-testid=customer-no-match]").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_vague_term_shows_twenty_matches_and_asks_for_more_of_the_id()
    {
        // Every demo customer's email is at the same domain; 400 of them match.
        var page = RenderWithQuery("@");

        page.WaitForAssertion(() => Assert.Equal(CustomerProfileService.MaxMatches, page.FindAll("[data-testid=customer-table] tbody tr").Count), TimeSpan.FromSeconds(10));
        Assert.Contains("narrow", page.Find("[data-testid=customer-more]").TextContent);
    }
}
