using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Campaigns.EndToEnd.Tests.Shipped;

/// <summary>
/// A user's walk through a running app in headless Chromium: sign in, check that the page is styled and live, then open
/// every page their navigation offers (and the detail pages those lead to), collecting whatever the browser reports as
/// broken: console errors, script errors, failed requests, empty framework files.
/// </summary>
public sealed class UserWalk(IBrowser browser, Uri baseAddress)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The app bar's colour in the light theme (Theme.Default): without MudBlazor's stylesheet it is transparent.</summary>
    public const string AppBarColour = "rgb(40, 53, 147)";

    private readonly ConcurrentQueue<string> _problems = new();

    /// <summary>What the browser reported as broken during the walk; empty when every page worked.</summary>
    public IReadOnlyList<string> Problems => _problems.ToArray();

    /// <summary>The pages opened, in order.</summary>
    public List<string> Visited { get; } = [];

    public async Task<IPage> SignInAsync(string email, string password)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        Watch(page);
        await page.GotoAsync("account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        var circuit = Browser.WhenCircuitRenderedAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("account/login"));
        await circuit.WaitAsync(Timeout);
        await page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>MudBlazor's stylesheet and the app's theme are applied.</summary>
    public static Task AssertStyledAsync(IPage page) =>
        Assertions.Expect(page.Locator(".mud-appbar")).ToHaveCSSAsync("background-color", AppBarColour);

    /// <summary>
    /// The circuit answers: toggling the navigation changes the page without loading it again (a marker set on the
    /// window before the click is still there after).
    /// </summary>
    public static async Task AssertLiveAsync(IPage page)
    {
        await page.EvaluateAsync("() => window.__walkMarker = 'same page'");
        var drawer = page.Locator(".mud-drawer").First;
        var open = new Regex(@"\bmud-drawer--open\b");
        var wasOpen = open.IsMatch(await drawer.GetAttributeAsync("class") ?? "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await (wasOpen ? Assertions.Expect(drawer).Not.ToHaveClassAsync(open) : Assertions.Expect(drawer).ToHaveClassAsync(open));
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await (wasOpen ? Assertions.Expect(drawer).ToHaveClassAsync(open) : Assertions.Expect(drawer).Not.ToHaveClassAsync(open));
        Assert.Equal("same page", await page.EvaluateAsync<string>("() => window.__walkMarker"));
    }

    /// <summary>Opens every page the navigation offers, then the first campaign, audience and experiment they list.</summary>
    public async Task VisitEveryPageAsync(IPage page, Func<IPage, string, Task>? atEachPage = null)
    {
        var links = await page.Locator(".mud-navmenu a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(links);
        foreach (var link in links.Distinct())
        {
            await OpenAsync(page, link, atEachPage);
            // Detail pages are reached from their lists, as a user reaches them.
            foreach (var detail in new[] { "a[href^='campaigns/'][href$='/audience']", "a[href^='campaigns/']:not([href$='/new']):not([href$='/audience'])", "a[href^='experiments/']" })
            {
                var first = page.Locator(detail).First;
                if (link.TrimStart('/') is not ("campaigns" or "experiments" or "audiences") || await first.CountAsync() == 0) continue;
                var href = await first.GetAttributeAsync("href");
                if (href is not null && !Visited.Contains(href)) await OpenAsync(page, href, atEachPage);
                await OpenAsync(page, link, atEachPage: null); // back to the list for the next kind of detail
            }
        }
    }

    /// <summary>Opens pages found by an earlier walk (on a phone the navigation is folded away).</summary>
    public async Task VisitAsync(IPage page, IEnumerable<string> paths, Func<IPage, string, Task>? atEachPage = null)
    {
        foreach (var path in paths.ToList()) await OpenAsync(page, path, atEachPage);
    }

    private async Task OpenAsync(IPage page, string path, Func<IPage, string, Task>? atEachPage)
    {
        var circuit = Browser.WhenCircuitRenderedAsync(page);
        var response = await page.GotoAsync(path.Length == 0 ? "./" : path);
        if (response is null || !response.Ok) _problems.Enqueue($"{path}: HTTP {response?.Status}");
        await circuit.WaitAsync(Timeout);
        await page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        // Pages load their data after the first interactive render; give errors from that a moment to surface.
        await page.WaitForTimeoutAsync(750);
        if (!Visited.Contains(path)) Visited.Add(path);
        if (atEachPage is not null) await atEachPage(page, path);
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) => { if (message.Type == "error") _problems.Enqueue($"{page.Url}: console error: {message.Text}"); };
        page.PageError += (_, error) => _problems.Enqueue($"{page.Url}: script error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // Leaving a page cancels its open requests (the circuit's connection among them); that is not a failure.
            if (request.Failure is not "net::ERR_ABORTED") _problems.Enqueue($"{request.Url}: request failed: {request.Failure}");
        };
        page.Response += async (_, response) =>
        {
            if (!response.Url.StartsWith(baseAddress.ToString(), StringComparison.Ordinal)) return;
            if (response.Status >= 400) _problems.Enqueue($"{response.Url}: HTTP {response.Status}");
            else if (response.Status == 200 && Regex.IsMatch(response.Url, @"/(_framework|_content|assets)/"))
            {
                try
                {
                    if ((await response.BodyAsync()).Length == 0) _problems.Enqueue($"{response.Url}: served empty");
                }
                catch (PlaywrightException) { } // the page moved on before the body was read
            }
        };
    }
}
