using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Users;

/// <summary>
/// Admin operations on users. Invitations and resets set a one-time password shown to the Admin once, which the user
/// must change at their first sign-in. A use case over Identity's user store (Microsoft.Extensions.Identity.Core, not
/// ASP.NET Core): signing in, cookies and the password-change gate are security, and stay in the web app.
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
    public async Task<Result<string>> InviteAsync(string email, string? displayName, string role, string admin)
    {
        email = email.Trim();
        if (!Roles.All.Contains(role)) return Result<string>.Invalid(nameof(role), $"Unknown role '{role}'.");
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)) return Result<string>.Invalid(nameof(email), $"'{email}' is not an email address.");
        if (await users.FindByEmailAsync(email) is not null) return Result<string>.Invalid(nameof(email), $"{email} already has an account.");
        var password = OneTimePassword.New();
        var user = new AppUser
        {
            UserName = email, Email = email, DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(), EmailConfirmed = true,
            PasswordChangeRequired = true,
        };
        if ((Refusal(await users.CreateAsync(user, password)) ?? Refusal(await users.AddToRoleAsync(user, role))) is { } refused) return Result<string>.Refused(refused);
        db.Audit(admin, "user.invite", nameof(AppUser), user.Id, $"{email} as {role}");
        await db.SaveChangesAsync();
        return password;
    }

    /// <summary>
    /// Replaces a user's password with a one-time password, which they must change at their next sign-in. Their
    /// sessions end (new security stamp), and a lockout is lifted: a reset is how an Admin lets a locked-out user back in.
    /// </summary>
    /// <returns>The one-time password to hand to the user; it is not stored anywhere.</returns>
    public async Task<Result<string>> ResetPasswordAsync(string userId, string admin)
    {
        if (await users.FindByIdAsync(userId) is not { } user) return Result<string>.NotFound(Gone);
        if (string.Equals(user.Email, admin, StringComparison.OrdinalIgnoreCase)) return Result<string>.Refused("Change your own password with Change password.");
        var password = OneTimePassword.New();
        if (Refusal(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password)) is { } refused) return Result<string>.Refused(refused);
        user.PasswordChangeRequired = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        if (Refusal(await users.UpdateAsync(user)) is { } notUpdated) return Result<string>.Refused(notUpdated);
        db.Audit(admin, "user.password-reset", nameof(AppUser), user.Id, user.Email);
        await db.SaveChangesAsync();
        return password;
    }

    public async Task<Result> SetRoleAsync(string userId, string role, string admin)
    {
        if (!Roles.All.Contains(role)) return Result.Invalid(nameof(role), $"Unknown role '{role}'.");
        if (await users.FindByIdAsync(userId) is not { } user) return Result.NotFound(Gone);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && role != Roles.Admin && await LastAdminAsync(user)) return Result.Refused(LastAdmin);
        if ((Refusal(await users.RemoveFromRolesAsync(user, current)) ?? Refusal(await users.AddToRoleAsync(user, role))) is { } refused) return Result.Refused(refused);
        await users.UpdateSecurityStampAsync(user);
        db.Audit(admin, "user.role", nameof(AppUser), user.Id, $"{user.Email}: {string.Join(",", current)} → {role}");
        await db.SaveChangesAsync();
        return Result.Done($"{user.Email} is now {role}.");
    }

    public async Task<Result> SetDisabledAsync(string userId, bool disabled, string admin)
    {
        if (await users.FindByIdAsync(userId) is not { } user) return Result.NotFound(Gone);
        if (disabled && string.Equals(user.Email, admin, StringComparison.OrdinalIgnoreCase)) return Result.Refused("You cannot disable your own account.");
        if (disabled && await users.IsInRoleAsync(user, Roles.Admin) && await LastAdminAsync(user)) return Result.Refused(LastAdmin);
        user.IsDisabled = disabled;
        if (Refusal(await users.UpdateAsync(user)) is { } refused) return Result.Refused(refused);
        // A new stamp signs the user out everywhere at the next validation.
        await users.UpdateSecurityStampAsync(user);
        db.Audit(admin, disabled ? "user.disable" : "user.enable", nameof(AppUser), user.Id, user.Email);
        await db.SaveChangesAsync();
        return Result.Done($"{user.Email} {(disabled ? "disabled" : "enabled")}.");
    }

    private const string Gone = "The user no longer exists.";
    private const string LastAdmin = "This is the last active Admin; make someone else Admin first.";

    private async Task<bool> LastAdminAsync(AppUser user) => !(await users.GetUsersInRoleAsync(Roles.Admin)).Any(a => a.Id != user.Id && !a.IsDisabled);

    private static string? Refusal(IdentityResult result) => result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
}
