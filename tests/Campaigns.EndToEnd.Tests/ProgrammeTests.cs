using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests;

public sealed class ProgrammeTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public Task An_admin_sets_a_global_holdout_and_a_contact_rule_and_a_manager_reads_the_programme_report() => StepsAsync(nameof(An_admin_sets_a_global_holdout_and_a_contact_rule_and_a_manager_reads_the_programme_report), async () =>
    {
        await SignInAsync("admin@demo.local", "programme");
        await Assertions.Expect(Page.GetByTestId("holdout-status")).ToContainTextAsync("No global holdout yet");
        await TypeAsync("holdout-share", "5");
        await Page.GetByTestId("save-holdout").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("holdout-status")).ToContainTextAsync($"5.0% of customers held out since {DateTime.UtcNow:yyyy-MM-dd}");
        await Assertions.Expect(Page.Locator("[data-testid=holdout-history] tbody tr")).ToHaveCountAsync(1);

        await Page.GotoAsync("contact-rules");
        await Page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(Page.GetByTestId("no-rules")).ToBeVisibleAsync();
        await TypeAsync("rule-limit", "4");
        await TypeAsync("rule-window", "30");
        await Page.GetByTestId("save-rule").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("rules")).ToContainTextAsync("At most 4 promotions per customer per 30 days across channels");

        await Page.Context.ClearCookiesAsync();
        await SignInAsync("manager@demo.local", "programme");
        await Assertions.Expect(Page.GetByTestId("programme-report")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("[data-testid=programme-windows] tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("save-holdout")).ToHaveCountAsync(0);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "programme.png"), FullPage = true });

        await Page.GotoAsync("");
        await Assertions.Expect(Page.GetByTestId("programme-card")).ToBeVisibleAsync();
    });
}
