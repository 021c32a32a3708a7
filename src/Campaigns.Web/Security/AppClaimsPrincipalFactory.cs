using System.Security.Claims;
using Campaigns.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Security;

/// <summary>Identity's claims (id, name, roles, security stamp), plus whether the user must change their password first.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.PasswordChangeRequired) identity.AddClaim(new Claim(PasswordChangeGate.ClaimType, "true"));
        return identity;
    }
}
