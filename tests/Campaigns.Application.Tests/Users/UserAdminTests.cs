using Campaigns.Application.Common;
using Campaigns.Application.Users;
using Campaigns.Data;
using Campaigns.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Tests.Users;

/// <summary>The Admins' operations over Identity's user store on a SQLite file, without the web host.</summary>
public sealed class UserAdminTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IAsyncLifetime
{
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddLogging().AddScoped(_ => database.Open());
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<CampaignsDbContext>();
        _services = services.AddUsers().BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }

    public Task DisposeAsync() => _services.DisposeAsync().AsTask();

    private async Task<T> AsAdminAsync<T>(Func<UserAdmin, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdmin>());
    }

    private async Task<string> IdOfAsync(string email)
    {
        await using var db = database.Open();
        return (await db.Users.SingleAsync(u => u.Email == email)).Id;
    }

    [Fact]
    public async Task An_invitation_needs_a_known_role_an_email_address_and_an_email_without_an_account()
    {
        Assert.Equal("Unknown role 'Owner'.", (await AsAdminAsync(a => a.InviteAsync("new@test", null, "Owner", "admin@test"))).Message);
        Assert.Equal("'not-an-email' is not an email address.", (await AsAdminAsync(a => a.InviteAsync("not-an-email", null, Roles.Marketer, "admin@test"))).Message);
        var password = (await AsAdminAsync(a => a.InviteAsync(" invited@test ", "Invited", Roles.Marketer, "admin@test"))).Value!;
        Assert.StartsWith("Cp1-", password);
        var again = await AsAdminAsync(a => a.InviteAsync("invited@test", null, Roles.Marketer, "admin@test"));
        Assert.Equal((Failure.Invalid, "invited@test already has an account."), (again.Failure, again.Message));
        Assert.Contains(await AsAdminAsync(a => a.ListAsync()), u => u is { Email: "invited@test", Role: Roles.Marketer, DisplayName: "Invited" });
    }

    [Fact]
    public async Task An_Admin_cannot_reset_their_own_password()
    {
        await AsAdminAsync(a => a.InviteAsync("self@test", null, Roles.Admin, "admin@test"));
        var result = await AsAdminAsync(async a => await a.ResetPasswordAsync(await IdOfAsync("self@test"), "self@test"));
        Assert.Equal(Failure.Refused, result.Failure);
        Assert.Contains("Change password", result.Message);
    }

    [Fact]
    public async Task The_last_active_Admin_can_be_neither_demoted_nor_disabled()
    {
        await AsAdminAsync(a => a.InviteAsync("only-admin@test", null, Roles.Admin, "setup"));
        // Other admins of this class's database are disabled, so this one is the last active one.
        await using (var db = database.Open())
            await db.Users.Where(u => u.Email != "only-admin@test").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
        var id = await IdOfAsync("only-admin@test");
        const string last = "This is the last active Admin; make someone else Admin first.";
        var demoted = await AsAdminAsync(a => a.SetRoleAsync(id, Roles.Marketer, "another@test"));
        var disabled = await AsAdminAsync(a => a.SetDisabledAsync(id, true, "another@test"));
        Assert.Equal([(Failure.Refused, last), (Failure.Refused, last)], [(demoted.Failure, demoted.Message), (disabled.Failure, disabled.Message)]);
        Assert.Equal(Failure.NotFound, (await AsAdminAsync(a => a.SetDisabledAsync("no-such-id", true, "another@test"))).Failure);
    }
}
