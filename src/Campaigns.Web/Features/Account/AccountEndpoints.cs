using Campaigns.Data;
using Campaigns.Data.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Campaigns.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>The one answer to every failed sign-in: which accounts exist, or are disabled or locked, is nobody's business.</summary>
    public const string SignInFailed = "Wrong email or password, or the account is locked or disabled.";

    private static string? _dummyHash;

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", LogoutAsync).RequireAuthorization();
    }

    private static async Task<IResult> LoginAsync([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, CampaignsDbContext db)
    {
        var failed = Results.LocalRedirect(
            $"~/account/login?error={Uri.EscapeDataString(SignInFailed)}&email={Uri.EscapeDataString(email)}&returnUrl={Uri.EscapeDataString(returnUrl ?? "")}");
        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        // An unknown, disabled or locked-out account costs one password hash too, as a wrong password does (~50 ms),
        // so the answer's timing does not tell them apart either.
        if (user is null || user.IsDisabled || await signIn.UserManager.IsLockedOutAsync(user))
        {
            _dummyHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(user ?? new AppUser(), user?.PasswordHash ?? _dummyHash, password);
            return failed;
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
        if (!result.Succeeded) return failed;
        db.Audit(user.Email!, "user.sign-in", nameof(AppUser), user.Id);
        await db.SaveChangesAsync();
        return Results.LocalRedirect("~" + LocalPathOrRoot(returnUrl));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn, CampaignsDbContext db)
    {
        // Another site could post this form for the user; the layout's form carries the token.
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
        {
            // A new stamp makes every cookie issued before, a captured copy included, fail its next request.
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            db.Audit(user.Email!, "user.sign-out", nameof(AppUser), user.Id);
            await db.SaveChangesAsync();
        }
        await signIn.SignOutAsync();
        return Results.LocalRedirect("~/account/login");
    }

    /// <summary>
    /// The return URL as a path on this site ("campaigns/1" or "/campaigns/1"), or "/" for anything else: absolute or
    /// protocol-relative URLs, backslashes (browsers read "/\host" as "//host") and control characters.
    /// </summary>
    public static string LocalPathOrRoot(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || Uri.IsWellFormedUriString(returnUrl, UriKind.Absolute)) return "/";
        var path = returnUrl.StartsWith('/') ? returnUrl : "/" + returnUrl;
        var plain = !path.StartsWith("//") && !path.Any(c => c == '\\' || char.IsControl(c)) && Uri.IsWellFormedUriString(path, UriKind.Relative);
        return plain ? path : "/";
    }
}
