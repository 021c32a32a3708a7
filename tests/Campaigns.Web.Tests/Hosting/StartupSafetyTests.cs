using System.Net;
using Campaigns.Data.Identity;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Hosting;

/// <summary>What a start refuses to do: store sign-in keys readable, create demo accounts in a real store, run Production with them.</summary>
public class StartupSafetyTests
{
    [Fact]
    public async Task Sign_in_keys_are_stored_encrypted_and_read_back_after_a_restart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-test-{Guid.NewGuid():N}.db");
        string cookie;
        using (var first = new AppFactory(path, deleteDatabase: false))
        {
            cookie = (await first.PostSignInAsync(first.AnonymousClient(), "admin@demo.local", AppFactory.Password)).IdentityCookie();
            await using var db = first.OpenDatabase();
            var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<EncryptedData", xml);
                Assert.DoesNotContain("<masterKey", xml);
            });
        }
        using var second = new AppFactory(path);
        Assert.Equal(HttpStatusCode.OK, (await second.ClientWithCookie(cookie).GetAsync("/api/campaigns")).StatusCode);
    }

    [Fact]
    public async Task Keys_stored_unencrypted_before_are_deleted_at_start_up()
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-test-{Guid.NewGuid():N}.db");
        using (new AppFactory(path, deleteDatabase: false).WithStarted()) { }
        await using (var db = new global::Campaigns.Data.DatabaseOptions { ConnectionString = $"Data Source={path}" }.CreateContext())
        {
            db.DataProtectionKeys.Add(new() { FriendlyName = "key-legacy", Xml = "<key id=\"legacy\" version=\"1\"><descriptor><descriptor><masterKey><value>c2VjcmV0</value></masterKey></descriptor></descriptor></key>" });
            await db.SaveChangesAsync();
        }

        using var restarted = new AppFactory(path);
        var client = await restarted.SignedInClientAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/campaigns")).StatusCode);
        await using var after = restarted.OpenDatabase();
        Assert.False(await after.DataProtectionKeys.AnyAsync(k => k.FriendlyName == "key-legacy"));
    }

    [Fact]
    public void Production_without_a_key_ring_certificate_or_demo_mode_refuses_to_start()
    {
        using var app = new AppFactory(configure: b => Production(b, new() { ["Demo:Enabled"] = "false" }));
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Set DataProtection:CertificatePath", error.ToString());
    }

    [Fact]
    public async Task Demo_accounts_are_created_with_a_new_demo_store_only_not_in_a_database_that_lacks_them()
    {
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-test-{Guid.NewGuid():N}.db");
        using (new AppFactory(path, deleteDatabase: false).WithStarted()) { }
        await using (var db = new global::Campaigns.Data.DatabaseOptions { ConnectionString = $"Data Source={path}" }.CreateContext())
            await db.Users.ExecuteDeleteAsync(); // a store whose accounts are gone (or were never the demo's)

        using var restarted = new AppFactory(path, configure: b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Admin:Password"] = "" })));
        await using var scope = restarted.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Null(await users.FindByEmailAsync("marketer@demo.local"));
        Assert.Null(await users.FindByEmailAsync("manager@demo.local"));
        var admin = await users.FindByEmailAsync("admin@demo.local");
        Assert.NotNull(admin);
        Assert.False(await users.CheckPasswordAsync(admin, AppFactory.Password)); // a random password, printed once
    }

    [Fact]
    public void A_published_build_refuses_to_start_in_Production_while_an_account_has_the_demo_password()
    {
        using var app = new AppFactory(configure: b => Production(b, new() { ["Demo:AllowInProduction"] = "false" }));
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("still has the demo password", error.ToString());
        Assert.Contains("Demo:AllowInProduction", error.ToString());
    }

    [Fact]
    public async Task Production_runs_a_demo_when_explicitly_allowed()
    {
        using var app = new AppFactory(configure: b => Production(b, new() { ["Demo:AllowInProduction"] = "true" }));
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_build_run_from_source_as_the_readme_command_does_may_keep_the_demo_passwords_in_Production()
    {
        // Like `dotnet run`, the tests run a build output (with its static web assets manifest), not a published folder.
        using var app = new AppFactory(configure: b => Production(b, []));
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync("/health/live")).StatusCode);
    }

    private static void Production(IWebHostBuilder builder, Dictionary<string, string?> settings)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(settings));
    }
}
