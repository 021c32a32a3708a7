using Campaigns.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Infrastructure;

/// <summary>Users of their own for tests that disable, lock or sign out someone (the demo users are shared by a class).</summary>
public static class TestUsers
{
    /// <returns>The new user's email; the password is <see cref="AppFactory.Password"/>.</returns>
    public static async Task<string> CreateUserAsync(this AppFactory app, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, AppFactory.Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return email;
    }

    public static async Task<string> IdOfAsync(this AppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return user?.Id ?? throw new InvalidOperationException($"No user {email}.");
    }

    /// <summary>The identity cookie (name=value) the sign-in response set.</summary>
    public static string IdentityCookie(this HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Identity.Application="));
}
