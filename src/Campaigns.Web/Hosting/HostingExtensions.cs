using Campaigns.Web.Components.Layout;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace Campaigns.Web.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// Reads the repository-root appsettings.json (copied beside the binaries) beneath the environment's own
    /// sources, so environment variables and command-line arguments still override it.
    /// </summary>
    public static void AddRepositorySettings(this WebApplicationBuilder builder)
    {
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        var sources = builder.Configuration.Sources;
        var firstJson = sources.ToList().FindIndex(s => s is JsonConfigurationSource);
        sources.Insert(firstJson < 0 ? 0 : firstJson, source);
    }

    /// <summary>
    /// A published build keeps its scripts and stylesheets in wwwroot beside its binaries, but the web root defaults to
    /// the working directory's wwwroot: taking the published one makes <c>dotnet out/Campaigns.Web.dll</c> work from
    /// any folder. A build that was not published has none, and serves its files from the static web assets manifest.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return new WebApplicationOptions { Args = args, WebRootPath = Directory.Exists(published) ? published : null };
    }

    /// <summary>
    /// What every host gets whatever its environment: the framework's and MudBlazor's files, and a container checked
    /// at start-up.
    /// </summary>
    public static void AddCampaignsHosting(this WebApplicationBuilder builder)
    {
        // `dotnet run` runs the build output, where _framework/ and _content/ files are only listed in the build's
        // static web assets manifest; ASP.NET Core reads that manifest by itself in Development only, and Production
        // then answers those files with 0 bytes. Reading it in every environment makes the README's run command work
        // as shipped; a published build has no manifest (the files are copied into wwwroot), so this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        // A singleton holding a scoped service (a captive dependency) fails the start, in every environment and every
        // test host, instead of misbehaving under load.
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        // Behind a TLS-terminating proxy the request's scheme and client address come from X-Forwarded-Proto/-For, so
        // the sign-in cookie is Secure and HSTS is sent. Only proxies on loopback (the default) or in
        // Proxy:KnownNetworks are believed; anyone else could claim any address.
        var proxies = builder.Configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in proxies) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }

    public static void AddCampaignsUi(this WebApplicationBuilder builder)
    {
        // One culture for numbers and dates on every host (the UI is English; SVG coordinates need a '.' decimal point).
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ThemePreference>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // A body or parameter an endpoint cannot read is thrown to ApiExceptionHandler, which says which field; without this
        // the endpoint answers a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Enums travel by name ("Running", not 2): readable, and stable if members are reordered.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
    }

    private static bool IsApi(HttpContext context) => ApiPath.Matches(context.Request.Path);

    public static void UseCampaignsPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseForwardedHeaders();
        // API errors are ProblemDetails (ApiExceptionHandler) in every environment; pages get the error page outside development.
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        else app.UseWhen(IsApi, api => api.UseExceptionHandler(new ExceptionHandlerOptions()));
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        // An API client gets ProblemDetails JSON; a browser gets a page with the app around it and a way back.
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        // The app's own assets (css, logo, favicon) are served from wwwroot-assets, anonymously.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
            RequestPath = "/assets",
        });
        // Routing after the status-code pages, so a re-executed request is routed to the status page (the implicit
        // UseRouting at the start of the pipeline would run only once, leaving the re-executed request without an endpoint).
        app.UseRouting();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        // After authorization: an unauthenticated sender is refused before it can take a batch's turn.
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
    }
}
