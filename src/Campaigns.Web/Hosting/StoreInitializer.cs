using Campaigns.Application.Users;
using Campaigns.Data;
using Campaigns.Data.Demo;
using Campaigns.Data.Identity;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Hosting;

/// <summary>First-start work: schema, roles, the first Admin and, in demo mode, the demo users and store.</summary>
public static class StoreInitializer
{
    public static readonly (string Email, string Name, string Role)[] DemoUsers =
    [
        ("marketer@demo.local", "Maya Marketer", Roles.Marketer),
        ("manager@demo.local", "Max Manager", Roles.Manager),
    ];

    public static async Task InitializeStoreAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Campaigns.Startup");
        // First, so a Production host without its key-ring certificate stops with the reason before touching the database.
        _ = services.GetRequiredService<KeyRingCertificate>();
        var db = services.GetRequiredService<CampaignsDbContext>();
        // Instances starting together on one server database take turns: each migrates, checks, then creates, roles,
        // users and the demo store, and two doing so at once would both apply a migration or create them.
        await using var turn = await StartupTurn.TakeAsync(db);
        await db.MigrateAsync(app.Configuration.GetValue("Database:MigrateOnStartup", false));
        await UnencryptedKeys.DeleteAsync(db, log);

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var admin = services.GetRequiredService<IOptions<AdminAccountOptions>>().Value;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var seeder = services.GetRequiredService<DemoStoreSeeder>();
        // Accounts with the published demo password come only with a new demo store, never into a database that
        // already holds a store (a real one, or a demo someone kept using).
        var newDemoStore = demo.Enabled && await seeder.IsStoreEmptyAsync();
        var created = new List<string>();
        var adminPassword = admin.Password is { Length: > 0 } p ? p : newDemoStore ? demo.Password : OneTimePassword.New();
        if (await EnsureUserAsync(users, admin.Email, "Administrator", Roles.Admin, adminPassword))
            created.Add($"  {Roles.Admin,-9} {admin.Email,-24} {(admin.Password is { Length: > 0 } ? "(password from configuration)" : adminPassword)}");
        if (newDemoStore)
            foreach (var (email, name, role) in DemoUsers)
                if (await EnsureUserAsync(users, email, name, role, demo.Password))
                    created.Add($"  {role,-9} {email,-24} {demo.Password}");
        if (created.Count > 0)
        {
            // Printed once, when the accounts are created, and before the demo store is written: a first start stopped while
            // it seeds finds the accounts at the next start and has nothing to print then.
            Console.WriteLine("Sign in with:" + Environment.NewLine + string.Join(Environment.NewLine, created));
        }
        // Before seeding: a published Production build refuses a new demo store's accounts without the wait.
        if (app.Environment.IsProduction() && !demo.AllowsDemoPasswordsInProduction) await RefuseDemoPasswordsAsync(users, demo, admin);
        if (newDemoStore)
        {
            log.LogInformation("Seeding the demo store with {Customers} customers...", demo.Customers);
            var result = await seeder.SeedAsync(demo.Customers, demo.Seed, holdout: demo.HoldoutShare > 0 ? new DemoHoldout(demo.HoldoutShare) : null);
            await services.GetRequiredService<ExperimentRollup>().CatchUpAsync();
            log.LogInformation("Demo store ready in {Seconds:0.0} s: {Result}", result.Elapsed.TotalSeconds, result);
        }
    }

    /// <summary>In Production, an enabled demo account (or the first Admin) whose password is still the demo one stops the start.</summary>
    private static async Task RefuseDemoPasswordsAsync(UserManager<AppUser> users, DemoOptions demo, AdminAccountOptions admin)
    {
        string[] passwords = [.. new[] { demo.Password, DemoOptions.PublishedPassword }.Distinct()];
        foreach (var email in DemoUsers.Select(u => u.Email).Prepend(admin.Email))
        {
            if (await users.FindByEmailAsync(email) is not { IsDisabled: false } user) continue;
            foreach (var password in passwords)
                if (await users.CheckPasswordAsync(user, password))
                    throw new InvalidOperationException(
                        $"{email} still has the demo password, which is published. Change it (or disable the account) before running in Production: " +
                        "start once with Demo__AllowInProduction=true, or outside Production, and use Change password or an Admin's reset. " +
                        "Set Demo:AllowInProduction=true only to run a demo in Production.");
        }
    }

    private static async Task<bool> EnsureUserAsync(UserManager<AppUser> users, string email, string name, string role, string password)
    {
        if (await users.FindByEmailAsync(email) is not null) return false;
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException($"Could not create {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(user, role);
        return true;
    }

}

/// <summary>
/// On a server database, a lock held by this session while the store is initialized (SQL Server's application lock,
/// PostgreSQL's advisory lock); nothing on SQLite (one instance). Both wait up to ten minutes for another instance.
/// </summary>
internal sealed class StartupTurn : IAsyncDisposable
{
    private const string Resource = "campaigns-startup";
    private const string TimedOut = "Another instance has been initializing the database for 10 minutes; start this one again later.";
    private readonly CampaignsDbContext? _db;

    private StartupTurn(CampaignsDbContext? db) => _db = db;

    public static async Task<StartupTurn> TakeAsync(CampaignsDbContext db)
    {
        if (db.Database.IsSqlite()) return new StartupTurn(null);
        await db.Database.OpenConnectionAsync();
        if (db.Database.IsNpgsql())
        {
            try
            {
                // The session's busy timeout would give up after seconds; seeding a demo store takes longer.
                await db.Database.ExecuteSqlRawAsync($"SET lock_timeout = '10min'; SELECT pg_advisory_lock({AdvisoryLocks.Startup}); RESET lock_timeout;");
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.LockNotAvailable)
            {
                throw new InvalidOperationException(TimedOut, ex);
            }
            return new StartupTurn(db);
        }
        await db.Database.ExecuteSqlRawAsync($"""
            DECLARE @result int;
            EXEC @result = sp_getapplock @Resource = '{Resource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 600000;
            IF @result < 0 THROW 50000, '{TimedOut}', 1;
            """);
        return new StartupTurn(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null) return;
        await _db.Database.ExecuteSqlRawAsync(_db.Database.IsNpgsql()
            ? $"SELECT pg_advisory_unlock({AdvisoryLocks.Startup})"
            : $"EXEC sp_releaseapplock @Resource = '{Resource}', @LockOwner = 'Session'");
        await _db.Database.CloseConnectionAsync();
    }
}
