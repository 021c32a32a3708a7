using System.Security.Claims;
using Bunit;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Copy;
using Campaigns.Application.Targeting;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Campaigns.Web.Tests.Infrastructure;

/// <summary>
/// bUnit base: MudBlazor services, loose JS interop, no transitions, and the app's real authorization policies
/// (not bUnit's fake, so a test proves which role sees what). Disposed asynchronously, as MudBlazor's services require.
/// </summary>
public abstract class ComponentTest : IAsyncLifetime
{
    protected BunitContext Context { get; } = new();
    private AsyncServiceScope? _appScope;

    protected ComponentTest()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = o.SnackbarConfiguration.HideTransitionDuration = 0);
        Context.Services.AddAuthorizationCore(Policies.Register);
        Context.Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Context.Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Context.Services.AddCascadingAuthenticationState();
        // Over the test's sign-in, not the app's (which only works inside a real circuit).
        Context.Services.AddScoped<CurrentUser>();
        Context.Services.AddSingleton(new MoneyFormat(new StoreOptions().Currency));
        // What the store promises on every order, as the app's default settings say.
        Context.Services.AddSingleton(CopySuggester.Promises(new TargetingOptions(), new StoreOptions()));
    }

    protected IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        // As on a live Blazor Server circuit (buttons wait for interactivity). Set here: it freezes the services.
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return parameters is null ? Context.Render<T>() : Context.Render<T>(parameters);
    }

    /// <summary>
    /// Lets the components use a running app's services, from a scope of their own as a circuit has (the app validates
    /// scopes, so its root provider refuses scoped services).
    /// </summary>
    protected void UseAppServices(IServiceProvider appServices)
    {
        _appScope = appServices.CreateAsyncScope();
        Context.Services.AddFallbackServiceProvider(_appScope.Value.ServiceProvider);
    }

    /// <summary>Signs in a user with one role for the components rendered next.</summary>
    /// <param name="name">The user name; "role@test" when null (a user the database does not hold).</param>
    protected void SignInAs(string role, string? name = null)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name ?? $"{role.ToLowerInvariant()}@test"), new Claim(ClaimTypes.Role, role)], "test");
        Context.Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(new ClaimsPrincipal(identity)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        if (_appScope is { } scope) await scope.DisposeAsync();
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
