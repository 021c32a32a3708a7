using System.Diagnostics;
using System.Text.RegularExpressions;
using Campaigns.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaigns.EndToEnd.Tests.Shipped;

/// <summary>
/// The product as people get it, not a test host: a clean copy of the repository run by the README's command, the
/// published build in Production, and Development, each a process of its own, driven in headless Chromium.
/// </summary>
public sealed class ShippedAppTests(ShippedCopy shipped, ITestOutputHelper output) : IClassFixture<ShippedCopy>, IAsyncLifetime
{
    /// <summary>Set to a folder to keep a screenshot of every page (docs/images/take-screenshots.sh sets it).</summary>
    private const string ScreenshotsVariable = "CAMPAIGNS_SCREENSHOTS";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
    }

    [Fact]
    public async Task The_readme_run_command_serves_a_styled_live_app_to_every_role()
    {
        var signIns = ShippedCopy.PrintedSignIns(shipped.App);
        Assert.Equal(["Admin", "Manager", "Marketer"], signIns.Select(s => s.Role).Order());
        foreach (var (role, email, password) in signIns)
        {
            var walk = new UserWalk(_browser, shipped.App.BaseAddress);
            var page = await walk.SignInAsync(email, password);
            await UserWalk.AssertStyledAsync(page);
            await UserWalk.AssertLiveAsync(page);
            await walk.VisitEveryPageAsync(page);
            Report(role, walk);
            Assert.Empty(walk.Problems);
        }
        Assert.Empty(shipped.App.Failures);
    }

    [Fact]
    public async Task Every_page_works_at_desktop_and_phone_width_in_light_and_dark()
    {
        var admin = ShippedCopy.PrintedSignIns(shipped.App).Single(s => s.Role == "Admin");
        var walk = new UserWalk(_browser, shipped.App.BaseAddress);
        var page = await walk.SignInAsync(admin.Email, admin.Password);
        var folder = Environment.GetEnvironmentVariable(ScreenshotsVariable);
        await walk.VisitEveryPageAsync(page, Screenshot(folder, "desktop", "light"));
        var pages = walk.Visited.ToList();
        await page.SetViewportSizeAsync(390, 844);
        var narrower = new List<string>();
        await walk.VisitAsync(page, pages, FitsThePhone(narrower, Screenshot(folder, "phone", "light")));
        await ToggleThemeAsync(page);
        await walk.VisitAsync(page, pages, FitsThePhone(narrower, Screenshot(folder, "phone", "dark")));
        await page.SetViewportSizeAsync(1280, 800);
        await walk.VisitAsync(page, pages, Screenshot(folder, "desktop", "dark"));
        await ToggleThemeAsync(page); // back to light, as the Admin had it
        Report("Admin, four ways", walk);
        Assert.Empty(walk.Problems);
        Assert.Empty(narrower);
        Assert.Empty(shipped.App.Failures);
    }

    [Fact]
    public async Task The_published_build_serves_the_same_app_in_Production()
    {
        await RunAsync("dotnet", "publish src/Campaigns.Web -c Release -o out");
        // A published build refuses to start in Production with the demo password unless a demo is meant.
        var settings = With(("Database__ConnectionString", "Data Source=data/published.db"), ("Demo__AllowInProduction", "true"));
        await using var app = await AppProcess.StartAsync(shipped.Copy.Root, "dotnet", "out/Campaigns.Web.dll", settings, ShippedCopy.StartTimeout);
        Assert.Contains(app.Output, l => l.Contains("Hosting environment: Production"));
        foreach (var (role, email, password) in ShippedCopy.PrintedSignIns(app))
        {
            var walk = new UserWalk(_browser, app.BaseAddress);
            var page = await walk.SignInAsync(email, password);
            await UserWalk.AssertStyledAsync(page);
            await UserWalk.AssertLiveAsync(page);
            await walk.VisitEveryPageAsync(page);
            Report($"{role} (published)", walk);
            Assert.Empty(walk.Problems);
        }
        Assert.Empty(app.Failures);
    }

    [Fact]
    public async Task The_readme_run_command_starts_in_Development_too()
    {
        var settings = With(("Database__ConnectionString", "Data Source=data/development.db"), ("ASPNETCORE_ENVIRONMENT", "Development"));
        await using var app = await AppProcess.StartAsync(shipped.Copy.Root, "dotnet", ShippedCopy.RunCommand, settings, ShippedCopy.StartTimeout);
        Assert.Contains(app.Output, l => l.Contains("Hosting environment: Development"));
        var marketer = ShippedCopy.PrintedSignIns(app).Single(s => s.Role == "Marketer");
        var walk = new UserWalk(_browser, app.BaseAddress);
        var page = await walk.SignInAsync(marketer.Email, marketer.Password);
        await UserWalk.AssertStyledAsync(page);
        await UserWalk.AssertLiveAsync(page);
        Assert.Empty(walk.Problems);
        Assert.Empty(app.Failures);
    }

    private static IReadOnlyDictionary<string, string> With(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>(ShippedCopy.Settings);
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    /// <summary>On a phone nothing may need sideways scrolling of the whole page (a wide table scrolls in its own box).</summary>
    private static Func<IPage, string, Task> FitsThePhone(List<string> tooWide, Func<IPage, string, Task>? then) => async (page, path) =>
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (content, screen) = (widths[0], widths[1]);
        if (content > screen) tooWide.Add($"/{path.TrimStart('/')} is {content} px wide on a {screen} px screen");
        if (then is not null) await then(page, path);
    };

    private static Task ToggleThemeAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync();

    private static Func<IPage, string, Task>? Screenshot(string? folder, string width, string theme)
    {
        if (string.IsNullOrEmpty(folder)) return null;
        Directory.CreateDirectory(folder);
        return (page, path) =>
        {
            // "campaigns/0193…/audience" → "campaigns_detail_audience"; the dashboard is "".
            var name = Regex.Replace(path.Trim('/'), "[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}", "detail").Replace('/', '_');
            return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{(name.Length == 0 ? "dashboard" : name)}-{width}-{theme}.png") });
        };
    }

    private async Task RunAsync(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = shipped.Copy.Root, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} {arguments} failed with {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    private void Report(string who, UserWalk walk)
    {
        output.WriteLine($"{who}: opened {walk.Visited.Count} pages: {string.Join(", ", walk.Visited.Select(p => "/" + p.TrimStart('/')))}");
        foreach (var problem in walk.Problems) output.WriteLine($"  problem: {problem}");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (shipped.App.Failures.Count > 0) output.WriteLine($"The app logged failures:\n{string.Join('\n', shipped.App.Failures)}");
    }
}
