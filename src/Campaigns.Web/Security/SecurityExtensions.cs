using Campaigns.Data;
using Campaigns.Data.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

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

public static class SecurityExtensions
{
    public static void AddCampaignsSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminAccountOptions>().BindConfiguration(AdminAccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Keys in the shared database: a cookie issued by one instance is readable by every other.
        builder.Services.AddDataProtection().SetApplicationName("Campaigns").PersistKeysToDbContext<CampaignsDbContext>();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // API clients get status codes, not a redirect to an HTML sign-in page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });
        // A disabled user or a role change takes effect within a minute on every instance.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 8;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CampaignsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.AddAuthorization(Policies.Register);
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/openapi"))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>The first Admin, created at first start. The password comes from configuration (user secrets or environment), never the repo.</summary>
public sealed class AdminAccountOptions
{
    public const string Section = "Admin";

    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Set Admin:Email.")]
    [System.ComponentModel.DataAnnotations.EmailAddress]
    public string Email { get; set; } = "admin@demo.local";

    /// <summary>When empty, a random password is generated and printed once at first start.</summary>
    public string? Password { get; set; }
}
