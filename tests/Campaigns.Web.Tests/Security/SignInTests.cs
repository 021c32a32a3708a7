using System.Net;
using Campaigns.Data.Identity;
using Campaigns.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Web.Tests.Security;

/// <summary>The sign-in form tells an attacker nothing: same message, same work, and only local redirects.</summary>
public class SignInTests(SignInTests.CountingApp fixture) : IClassFixture<SignInTests.CountingApp>
{
    private readonly AppFactory _app = fixture.App;

    public enum Failure { UnknownEmail, WrongPassword, Disabled, LockedOut }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/login")]
    public async Task The_sign_in_form_answers_at_the_address_the_app_redirects_to_and_at_the_one_people_type(string address)
    {
        var response = await _app.AnonymousClient().GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"login-form\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Failure.UnknownEmail)]
    [InlineData(Failure.WrongPassword)]
    [InlineData(Failure.Disabled)]
    [InlineData(Failure.LockedOut)]
    public async Task Every_failure_gives_the_same_message_after_checking_one_password_hash(Failure failure)
    {
        var email = failure == Failure.UnknownEmail ? $"nobody-{Guid.NewGuid():N}@test.local" : await _app.CreateUserAsync(Roles.Marketer);
        var password = failure == Failure.WrongPassword ? "Wrong-password-1" : AppFactory.Password;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is { } user)
            {
                if (failure == Failure.Disabled) { user.IsDisabled = true; await users.UpdateAsync(user); }
                if (failure == Failure.LockedOut) await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(5));
            }
        }
        var client = _app.AnonymousClient();
        var before = fixture.Hasher.Verifications;

        var response = await _app.PostSignInAsync(client, email, password);

        // Hashing is what makes a real account's answer slow (~50 ms); an unknown or refused one must cost the same.
        Assert.Equal(1, fixture.Hasher.Verifications - before);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var error = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), response.Headers.Location!).Query)["error"];
        Assert.Equal("Wrong email or password, or the account is locked or disabled.", error);
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("campaigns/42", "/campaigns/42")]
    [InlineData("/campaigns?status=Draft", "/campaigns?status=Draft")]
    [InlineData("\\evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("campaigns\u0001", "/")]
    [InlineData("campaigns\r\nSet-Cookie: a=b", "/")]
    public async Task After_sign_in_only_a_plain_local_path_is_followed(string returnUrl, string location)
    {
        var response = await _app.PostSignInAsync(_app.AnonymousClient(), "marketer@demo.local", AppFactory.Password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    /// <summary>The app with a password hasher that counts its verifications.</summary>
    public sealed class CountingApp() : SeededApp(400, b => b.ConfigureServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(Counting)))
    {
        private static readonly CountingHasher Counting = new();
        public CountingHasher Hasher => Counting;
    }

    public sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;
        public int Verifications => _verifications;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
