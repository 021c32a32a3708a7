using Campaigns.Data;
using Campaigns.Data.Identity;
using Campaigns.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Campaigns.Web.Security;

public static class SecurityExtensions
{
    public static void AddCampaignsSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminAccountOptions>().BindConfiguration(AdminAccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Keys in the shared database: a cookie issued by one instance is readable by every other. Encrypted with a
        // certificate kept outside it: whoever copies the database cannot sign cookies.
        builder.Services.AddDataProtection().SetApplicationName("Campaigns").PersistKeysToDbContext<CampaignsDbContext>();
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section)
            .Validate<IHostEnvironment, IOptions<DemoOptions>>((o, environment, demo) => o.CertificatePath is { Length: > 0 } || demo.Value.Enabled || !environment.IsProduction(),
                "Set DataProtection:CertificatePath (a .pfx file with its private key) and DataProtection:CertificatePassword: in Production " +
                "the keys that sign sign-in cookies are stored encrypted with it, and only demo mode generates a certificate of its own.")
            .Validate(o => o.CertificatePath is not { Length: > 0 } path || File.Exists(path), "DataProtection:CertificatePath names no file.")
            .ValidateOnStart();
        builder.Services.AddSingleton<KeyRingCertificate>();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<KeyRingCertificate, ILoggerFactory>((o, key, loggers) =>
            o.XmlEncryptor = new KeyRingEncryptor(key, loggers));
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddSingleton<UserSessions>();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // API clients get status codes, not a redirect to an HTML sign-in page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
            // Every request checks the cookie's security stamp against the user's row (one read by primary key) instead of
            // Identity's check every minute: a cookie stops working at once when its user signs out (a captured copy
            // included), is disabled or locked out, or changes role or password.
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
        // Open pages: revalidated every minute, and checked before each action their browser sends.
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingUserStateProvider>();
        builder.Services.AddScoped<CircuitHandler, ActiveUserCircuitHandler>();
        builder.Services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 8;
            })
            .AddRoles<IdentityRole>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddEntityFrameworkStores<CampaignsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.AddAuthorization(Policies.Register);
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var sessions = ctx.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        if (ctx.Principal is { } principal && await sessions.IsActiveAsync(principal, ctx.HttpContext.RequestAborted)) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ApiPath.Matches(ctx.Request.Path) || ctx.Request.Path.StartsWithSegments("/openapi"))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
