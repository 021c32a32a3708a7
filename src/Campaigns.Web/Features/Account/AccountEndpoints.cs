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

    /// <summary>A sign-in that waited longer than Database:BusyTimeoutSeconds for a write lock.</summary>
    public const string DatabaseBusy = "The database is busy (a large import or a burst of events is being written). Try again in a few seconds.";

    private static string? _dummyHash;

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", LogoutAsync).RequireAuthorization();
        account.MapPost("/password", ChangePasswordAsync).RequireAuthorization();
    }

    private static async Task<IResult> LoginAsync([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, CampaignsDbContext db)
    {
        IResult Back(string error) => Results.LocalRedirect(
            $"~/account/login?error={Uri.EscapeDataString(error)}&email={Uri.EscapeDataString(email)}&returnUrl={Uri.EscapeDataString(returnUrl ?? "")}");
        try
        {
            var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
            // An unknown, disabled or locked-out account costs one password hash too, as a wrong password does (~50 ms),
            // so the answer's timing does not tell them apart either.
            if (user is null || user.IsDisabled || await signIn.UserManager.IsLockedOutAsync(user))
            {
                _dummyHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
                hasher.VerifyHashedPassword(user ?? new AppUser(), user?.PasswordHash ?? _dummyHash, password);
                return Back(SignInFailed);
            }
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
            if (!result.Succeeded) return Back(SignInFailed);
            db.Audit(user.Email!, "user.sign-in", nameof(AppUser), user.Id);
            await db.SaveChangesAsync();
            return Results.LocalRedirect("~" + LocalPathOrRoot(returnUrl));
        }
        catch (Exception ex) when (DatabaseErrors.IsBusy(ex))
        {
            // No session without its audit row: the cookie a successful check issued goes with this answer.
            await signIn.SignOutAsync();
            return Back(DatabaseBusy);
        }
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

    private static async Task<IResult> ChangePasswordAsync([FromForm] string currentPassword, [FromForm] string newPassword, [FromForm] string confirmPassword,
        HttpContext http, SignInManager<AppUser> signIn, CampaignsDbContext db)
    {
        static IResult Back(string error) => Results.LocalRedirect($"~/account/password?error={Uri.EscapeDataString(error)}");
        var users = signIn.UserManager;
        if (await users.GetUserAsync(http.User) is not { } user) return Results.LocalRedirect("~/account/login");
        if (newPassword != confirmPassword) return Back("The two new passwords differ.");
        if (newPassword == currentPassword) return Back("Choose a password other than the current one.");
        // Identity checks the current password and the rules, and gives the user a new security stamp: every other session ends.
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded) return Back(string.Join(" ", changed.Errors.Select(e => e.Description)));
        user.PasswordChangeRequired = false;
        await users.UpdateAsync(user);
        db.Audit(user.Email!, "user.password-change", nameof(AppUser), user.Id);
        await db.SaveChangesAsync();
        // This browser's cookie carries the old stamp: issue it a new one.
        await signIn.SignInAsync(user, isPersistent: true);
        return Results.LocalRedirect("~/");
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
