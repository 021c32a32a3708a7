using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Domain;
using Campaigns.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Users;

public sealed record UserRow(string Id, string Email, string? DisplayName, string Role, bool IsDisabled, DateTime CreatedAt);

/// <summary>
/// Admin operations on users. Invitations and resets set a one-time password shown to the Admin once, which the user
/// must change at their first sign-in.
/// </summary>
public sealed class UserAdmin(UserManager<AppUser> users, CampaignsDbContext db)
{
    public async Task<List<UserRow>> ListAsync()
    {
        var roleOf = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync();
        var list = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        return list.Select(u => new UserRow(u.Id, u.Email!, u.DisplayName, roleOf.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? "(none)", u.IsDisabled, u.CreatedAt)).ToList();
    }

    /// <returns>The one-time password to hand to the new user.</returns>
    public async Task<string> InviteAsync(string email, string? displayName, string role, string admin)
    {
        email = email.Trim();
        if (!Roles.All.Contains(role)) throw new DomainException($"Unknown role '{role}'.");
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)) throw new DomainException($"'{email}' is not an email address.");
        if (await users.FindByEmailAsync(email) is not null) throw new DomainException($"{email} already has an account.");
        var password = StoreInitializer.NewPassword();
        var user = new AppUser
        {
            UserName = email, Email = email, DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(), EmailConfirmed = true,
            PasswordChangeRequired = true,
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        db.Audit(admin, "user.invite", nameof(AppUser), user.Id, $"{email} as {role}");
        await db.SaveChangesAsync();
        return password;
    }

    /// <summary>
    /// Replaces a user's password with a one-time password, which they must change at their next sign-in. Their
    /// sessions end (new security stamp), and a lockout is lifted: a reset is how an Admin lets a locked-out user back in.
    /// </summary>
    /// <returns>The one-time password to hand to the user; it is not stored anywhere.</returns>
    public async Task<string> ResetPasswordAsync(string userId, string admin)
    {
        var user = await FindAsync(userId);
        if (string.Equals(user.Email, admin, StringComparison.OrdinalIgnoreCase)) throw new DomainException("Change your own password with Change password.");
        var password = StoreInitializer.NewPassword();
        Check(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password));
        user.PasswordChangeRequired = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Check(await users.UpdateAsync(user));
        db.Audit(admin, "user.password-reset", nameof(AppUser), user.Id, user.Email);
        await db.SaveChangesAsync();
        return password;
    }

    public async Task SetRoleAsync(string userId, string role, string admin)
    {
        if (!Roles.All.Contains(role)) throw new DomainException($"Unknown role '{role}'.");
        var user = await FindAsync(userId);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && role != Roles.Admin) await EnsureAnotherAdminAsync(user);
        Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, role));
        await users.UpdateSecurityStampAsync(user);
        db.Audit(admin, "user.role", nameof(AppUser), user.Id, $"{user.Email}: {string.Join(",", current)} → {role}");
        await db.SaveChangesAsync();
    }

    public async Task SetDisabledAsync(string userId, bool disabled, string admin)
    {
        var user = await FindAsync(userId);
        if (disabled && string.Equals(user.Email, admin, StringComparison.OrdinalIgnoreCase)) throw new DomainException("You cannot disable your own account.");
        if (disabled && await users.IsInRoleAsync(user, Roles.Admin)) await EnsureAnotherAdminAsync(user);
        user.IsDisabled = disabled;
        Check(await users.UpdateAsync(user));
        // A new stamp signs the user out everywhere at the next validation.
        await users.UpdateSecurityStampAsync(user);
        db.Audit(admin, disabled ? "user.disable" : "user.enable", nameof(AppUser), user.Id, user.Email);
        await db.SaveChangesAsync();
    }

    private async Task EnsureAnotherAdminAsync(AppUser user)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (!admins.Any(a => a.Id != user.Id && !a.IsDisabled)) throw new DomainException("This is the last active Admin; make someone else Admin first.");
    }

    private async Task<AppUser> FindAsync(string id) => await users.FindByIdAsync(id) ?? throw new DomainException("The user no longer exists.");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
