using Campaigns.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Campaigns.Web.Security;

/// <summary>Authorization policies. Every page and endpoint names one; anything that names none requires sign-in.</summary>
public static class Policies
{
    /// <summary>Create and edit campaigns, audiences and copy.</summary>
    public const string Marketing = nameof(Marketing);
    /// <summary>Approve campaigns and read experiment results.</summary>
    public const string Review = nameof(Review);
    /// <summary>Users, models and jobs.</summary>
    public const string Admin = nameof(Admin);

    public static void Register(AuthorizationOptions o)
    {
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        o.AddPolicy(Marketing, p => p.RequireRole(Roles.Marketer, Roles.Manager, Roles.Admin));
        o.AddPolicy(Review, p => p.RequireRole(Roles.Manager, Roles.Admin));
        o.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
    }
}
