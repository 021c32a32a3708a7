using Campaigns.Web.Components.Layout;
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
        // Enums travel by name ("Running", not 2): readable, and stable if members are reordered.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static void UseCampaignsPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
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
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
    }
}
