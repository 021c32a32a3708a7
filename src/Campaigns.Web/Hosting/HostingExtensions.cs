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
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // Enums travel by name ("Running", not 2): readable, and stable if members are reordered.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
    }

    public static void UseCampaignsPipeline(this WebApplication app)
    {
        // API errors are ProblemDetails (ApiExceptionHandler) in every environment; pages get the error page outside development.
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        else app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler(new ExceptionHandlerOptions()));
        app.UseStatusCodePages();
        // The app's own assets (css, logo, favicon) are served from wwwroot-assets, anonymously.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
            RequestPath = "/assets",
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
    }
}
