using System.Text.RegularExpressions;
using Campaigns.Domain.Campaigns;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests;

public sealed class SignInAndSubmitCampaignTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private LiveApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        // The app (migrate + seed a 400-customer store) and the browser start side by side.
        _app = new LiveApp();
        var started = Task.Run(_app.Start);
        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
        await started;
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString() });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        _page = await context.NewPageAsync();
        _page.Console += (_, message) => { if (message.Type == "error") output.WriteLine($"browser console: {message.Text}"); };
        _page.PageError += (_, error) => output.WriteLine($"browser page error: {error}");
    }

    [Fact]
    public async Task A_marketer_signs_in_creates_a_campaign_and_submits_it_for_approval()
    {
        var name = $"E2E spring sale {Guid.NewGuid():N}"[..28];
        try
        {
            // Sign in through the server-rendered form; it redirects to the campaign list, which opens the circuit.
            await _page.GotoAsync("account/login?returnUrl=campaigns");
            await _page.Locator("#email").FillAsync("marketer@demo.local");
            await _page.Locator("#password").FillAsync(LiveApp.Password);
            var circuit = Browser.WhenCircuitRenderedAsync(_page);
            await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/campaigns$"));
            // From here on the pages are interactive Blazor Server: wait for the circuit before clicking anything.
            await circuit.WaitAsync(Timeout);

            await _page.GetByTestId("new-campaign").ClickAsync();
            await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/campaigns/new$"));

            // MudTextField puts data-testid on its <input> in MudBlazor 8; the second selector covers a wrapper.
            await _page.Locator("input[data-testid='campaign-name'], [data-testid='campaign-name'] input").FillAsync(name);
            await _page.GetByTestId("save-campaign").ClickAsync();

            await Assertions.Expect(_page).ToHaveURLAsync(new Regex("/campaigns/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
            var id = Guid.Parse(_page.Url[^36..]);
            await Assertions.Expect(_page.GetByTestId("status-chip")).ToHaveTextAsync("Draft");

            await _page.GetByTestId("submit-campaign").ClickAsync();
            await Assertions.Expect(_page.GetByTestId("status-chip")).ToHaveTextAsync("Waiting for approval");
            await Assertions.Expect(_page.GetByTestId("submit-campaign")).ToHaveCountAsync(0);

            await using var db = _app.OpenDatabase();
            var stored = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id);
            Assert.Equal(name, stored.Name);
            Assert.Equal(CampaignStatus.PendingApproval, stored.Status);
            var actions = await db.AuditLog.AsNoTracking()
                .Where(a => a.EntityType == nameof(Campaign) && a.EntityId == id.ToString())
                .Select(a => new { a.Action, a.User }).ToListAsync();
            Assert.Contains(actions, a => a.Action == "campaign.create" && a.User == "marketer@demo.local");
            Assert.Contains(actions, a => a.Action == "campaign.submit" && a.User == "marketer@demo.local");
        }
        catch
        {
            await SaveScreenshotAsync(nameof(A_marketer_signs_in_creates_a_campaign_and_submits_it_for_approval));
            throw;
        }
    }

    private async Task SaveScreenshotAsync(string testName)
    {
        try
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"{testName}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            output.WriteLine($"Screenshot of the failure: {path} (page {_page.Url})");
        }
        catch (Exception ex)
        {
            output.WriteLine($"Could not save a screenshot: {ex.Message}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
