using Bunit;
using Campaigns.Application.ContactRules;
using Campaigns.Data.Identity;
using Campaigns.Domain.Campaigns;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.ContactRules;

/// <summary>The contact rules page rendered by bUnit over the real app's services (each test class its own store).</summary>
public class ContactRulesPageTests : ComponentTest, IClassFixture<SeededApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly SeededApp _store;

    public ContactRulesPageTests(SeededApp store)
    {
        _store = store;
        UseAppServices(store.App.Services);
    }

    private async Task<IReadOnlyList<string>> StoredRulesAsync()
    {
        await using var scope = _store.App.Services.CreateAsyncScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<ContactRuleAdmin>().ListAsync()).Select(ContactRuleText.Describe)];
    }

    private static IReadOnlyList<string> ShownRules(IRenderedComponent<ContactRulesHost> page) =>
        [.. page.FindAll("[data-testid=rules] tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim())];

    [Fact]
    public async Task An_Admin_adds_a_rule_is_shown_field_errors_out_of_bounds_then_edits_and_removes_it()
    {
        SignInAs(Roles.Admin);
        var page = Render<ContactRulesHost>();
        page.WaitForElement("[data-testid=no-rules]", Wait);

        page.Find("[data-testid=rule-window]").Change("31");
        page.Find("[data-testid=save-rule]").Click();
        page.WaitForAssertion(() => Assert.Contains("Choose a window of 1 to 30 days.", page.Find("[data-testid=rule-form]").TextContent), Wait);
        Assert.Empty(await StoredRulesAsync());

        page.Find("[data-testid=rule-limit]").Change("4");
        page.Find("[data-testid=rule-window]").Change("30");
        page.Find("[data-testid=save-rule]").Click();
        page.WaitForAssertion(() => Assert.Equal(["At most 4 promotions per customer per 30 days across channels"], ShownRules(page)), Wait);
        Assert.DoesNotContain("Choose a window", page.Find("[data-testid=rule-form]").TextContent);

        page.Find("[data-testid=edit-rule]").Click();
        page.WaitForAssertion(() => Assert.Contains("Change the rule", page.Find("[data-testid=rule-form]").TextContent), Wait);
        page.Find("[data-testid=rule-limit]").Change("3");
        page.Find("[data-testid=save-rule]").Click();
        page.WaitForAssertion(() => Assert.Equal(["At most 3 promotions per customer per 30 days across channels"], ShownRules(page)), Wait);
        Assert.Equal(["at most 3 promotions per customer per 30 days across channels"], await StoredRulesAsync());

        page.Find("[data-testid=remove-rule]").Click();
        page.WaitForAssertion(() => Assert.Contains("Customers will no longer be capped", page.Find(".mud-dialog").TextContent), Wait);
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Remove").Click();
        page.WaitForElement("[data-testid=no-rules]", Wait);
        Assert.Empty(await StoredRulesAsync());
    }

    [Fact]
    public async Task A_Marketer_reads_the_rules_but_has_no_form_nor_edit_or_remove()
    {
        await using var scope = _store.App.Services.CreateAsyncScope();
        var rules = scope.ServiceProvider.GetRequiredService<ContactRuleAdmin>();
        var saved = await rules.SaveAsync(new ContactRuleForm { Channel = Channel.Email, Limit = 2, WindowDays = 7 }, "admin@test");
        Assert.True(saved.Succeeded, saved.Message);
        try
        {
            SignInAs(Roles.Marketer);
            var page = Render<ContactRulesHost>();
            page.WaitForAssertion(() => Assert.Equal(["At most 2 email promotions per customer per 7 days"], ShownRules(page)), Wait);
            Assert.Empty(page.FindAll("[data-testid=rule-form]"));
            Assert.Empty(page.FindAll("[data-testid=edit-rule], [data-testid=remove-rule]"));
        }
        finally
        {
            // The other test starts from no rules.
            await rules.RemoveAsync(saved.Value!.Id, "admin@test");
        }
    }
}
