using Bunit;
using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Web.Components.Layout;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Campaigns.Web.Tests.Layout;

/// <summary>The app's shell (app bar, drawer, theme) rendered by bUnit over a real database.</summary>
public class MainLayoutTests : ComponentTest, IClassFixture<SeededApp>
{
    private const string Marketer = "marketer@demo.local";
    private readonly SeededApp _store;

    public MainLayoutTests(SeededApp store)
    {
        _store = store;
        var options = new DatabaseOptions { ConnectionString = $"Data Source={store.App.DatabasePath}" };
        Context.Services.AddDbContextFactory<CampaignsDbContext>(options.Apply);
        Context.Services.AddScoped<ThemePreference>();
        Context.Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgeryToken>();
        SignInAs(Roles.Marketer, Marketer);
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Page</h1>"))));

    [Fact]
    public void On_a_phone_the_user_and_sign_out_are_in_the_account_menu()
    {
        var layout = RenderLayout();
        Assert.Empty(layout.FindAll("[data-testid=account-menu-sign-out]"));

        layout.Find(".narrow-only [data-testid=account-menu] button").Click();

        Assert.Equal(Marketer, layout.Find("[data-testid=account-menu-user]").TextContent.Trim());
        var signOut = layout.Find("[data-testid=account-menu-sign-out]");
        Assert.Equal("submit", signOut.GetAttribute("type"));
        Assert.Contains("Sign out", signOut.TextContent);
        Assert.Equal("account/logout", signOut.Closest("form")!.GetAttribute("action"));
        Assert.Equal("Account", layout.Find(".narrow-only [data-testid=account-menu] button").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_dark_theme_a_user_chose_is_stored_with_their_account_and_comes_back_on_the_next_load()
    {
        try
        {
            var first = RenderLayout();
            Assert.False(first.FindComponent<MudThemeProvider>().Instance.IsDarkMode);

            first.Find("[data-testid=toggle-theme]").Click();

            await using (var db = _store.App.OpenDatabase())
                Assert.True(await db.Users.Where(u => u.Email == Marketer).Select(u => u.PrefersDarkTheme).SingleAsync());
            // A reload: a new layout (a new circuit) reads the stored choice.
            await Context.DisposeComponentsAsync();
            var reloaded = RenderLayout();
            reloaded.WaitForAssertion(() => Assert.True(reloaded.FindComponent<MudThemeProvider>().Instance.IsDarkMode));
        }
        finally
        {
            await using var db = _store.App.OpenDatabase();
            await db.Users.Where(u => u.Email == Marketer).ExecuteUpdateAsync(s => s.SetProperty(u => u.PrefersDarkTheme, false));
        }
    }

    private sealed class FixedAntiforgeryToken : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
