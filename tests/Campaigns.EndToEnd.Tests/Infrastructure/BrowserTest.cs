using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One live app and one headless Chromium page per test; a failing test leaves a full-page screenshot and the
/// browser's console errors in the test output.
/// </summary>
public abstract class BrowserTest(ITestOutputHelper output) : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    protected LiveApp App { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    /// <summary>Size of the demo store the test's app starts with.</summary>
    protected virtual int Customers => 400;

    public async Task InitializeAsync()
    {
        // The app (migrate + seed a small store) and the browser start side by side.
        App = new LiveApp(Customers);
        var started = Task.Run(App.Start);
        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
        await started;
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString() });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        Page = await context.NewPageAsync();
        Page.Console += (_, message) => { if (message.Type == "error") output.WriteLine($"browser console: {message.Text}"); };
        Page.PageError += (_, error) => output.WriteLine($"browser page error: {error}");
    }

    /// <summary>Signs in through the server-rendered form and waits until the interactive circuit of the target page is live.</summary>
    protected async Task SignInAsync(string email, string returnPath)
    {
        await Page.GotoAsync($"account/login?returnUrl={Uri.EscapeDataString(returnPath)}");
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(LiveApp.Password);
        var circuit = Browser.WhenCircuitRenderedAsync(Page);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(returnPath) + "$"));
        // From here on the pages are interactive Blazor Server: wait for the circuit, and for the page's own interactive
        // render (the head outlet's render completes first, while the body may still be the prerendered HTML).
        await circuit.WaitAsync(Timeout);
        await Page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Types into a MudTextField and waits until its counter (rendered by the server) shows the new length, so the
    /// circuit has the value before the next click; Blazor does not wait for one event's handler before the next.
    /// </summary>
    protected async Task FillAsync(string testId, string text, int maxLength)
    {
        var input = Page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input");
        var field = Page.Locator(".mud-input-control", new() { Has = Page.Locator($"[data-testid='{testId}']") });
        // A page that re-renders while its data loads can drop an input event; type again until the server has it.
        for (var attempt = 1; ; attempt++)
        {
            await input.FillAsync(text);
            try
            {
                await Assertions.Expect(field).ToContainTextAsync($"{text.Length} / {maxLength}", new() { Timeout = 3000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await input.FillAsync("");
            }
        }
    }

    /// <summary>
    /// Types into an input key by key and leaves it, so the value is committed on the server; a plain fill can be
    /// overwritten by a re-render of MudBlazor's numeric fields before it is committed.
    /// </summary>
    protected Task TypeAsync(string testId, string text) => TypeAsync(Page.Locator("body"), testId, text);

    /// <summary>Types into the field with this test id inside <paramref name="scope"/> (a page section that repeats ids).</summary>
    protected async Task TypeAsync(ILocator scope, string testId, string text)
    {
        var input = scope.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}']");
        // A page that re-renders while its data loads can replace the field mid-typing (the text then lands beside the
        // old value): type again until the field holds exactly the text.
        for (var attempt = 1; ; attempt++)
        {
            await input.ClickAsync();
            await input.PressAsync("Control+A");
            await input.PressSequentiallyAsync(text);
            await input.PressAsync("Tab");
            if (await input.InputValueAsync() == text || attempt == 3) return;
        }
    }

    /// <summary>Runs a test's steps, saving a screenshot if they fail.</summary>
    protected async Task StepsAsync(string testName, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            await SaveScreenshotAsync(testName);
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
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            output.WriteLine($"Screenshot of the failure: {path} (page {Page.Url})");
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
        if (App is not null) await App.DisposeAsync();
    }
}
