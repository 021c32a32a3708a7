using System.Security.Claims;
using Campaigns.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Security;

/// <summary>
/// Whether a signed-in principal still speaks for an active user: the account exists, is neither disabled nor locked
/// out, and still has the security stamp the principal was issued with (sign-out, a role change, disabling and a
/// password change or reset all give it a new one). Used by the cookie on every request and by circuits.
/// </summary>
public sealed class UserSessions(IDbContextFactory<CampaignsDbContext> databases, IOptions<IdentityOptions> identity)
{
    public async Task<bool> IsActiveAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var claims = identity.Value.ClaimsIdentity;
        var id = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (id is null || stamp is null) return false;
        // A context of its own and no tracking: a circuit's long-lived context would answer from its cache.
        await using var db = await databases.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.IsDisabled, u.LockoutEnabled, u.LockoutEnd })
            .FirstOrDefaultAsync(ct);
        return user is { IsDisabled: false } && user.SecurityStamp == stamp && !(user.LockoutEnabled && user.LockoutEnd > DateTimeOffset.UtcNow);
    }
}
