using Campaigns.Data;
using Campaigns.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Campaigns.Web.Features.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).RequireAuthorization();
    }

    private static async Task<IResult> LoginAsync([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, CampaignsDbContext db)
    {
        string Back(string error) =>
            $"~/account/login?error={Uri.EscapeDataString(error)}&email={Uri.EscapeDataString(email)}&returnUrl={Uri.EscapeDataString(returnUrl ?? "")}";

        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is { IsDisabled: true }) return Results.LocalRedirect(Back("This account is disabled. Ask an Admin to enable it."));
        if (user is null) return Results.LocalRedirect(Back("Wrong email or password."));
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
        if (result.IsLockedOut) return Results.LocalRedirect(Back("Too many failed attempts; try again in a few minutes."));
        if (!result.Succeeded) return Results.LocalRedirect(Back("Wrong email or password."));
        db.Audit(user.Email!, "user.sign-in", nameof(AppUser), user.Id);
        await db.SaveChangesAsync();
        var target = string.IsNullOrEmpty(returnUrl) ? "~/" : "~/" + returnUrl.TrimStart('/', '~');
        return Uri.IsWellFormedUriString(returnUrl ?? "", UriKind.Absolute) ? Results.LocalRedirect("~/") : Results.LocalRedirect(target);
    }
}
