using Campaigns.Imports;
using Campaigns.Imports.Files;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Imports;

public static class ImportsRegistration
{
    /// <summary>Registers the import engine, the stored files, the API's and the wizard's imports, the background import and the files' cleanup.</summary>
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<ImportEngine>().AddScoped<ImportFiles>().AddScoped<ImportService>().AddScoped<ImportWizardService>()
            .AddScoped<BackgroundImport>().AddScoped<ImportFileCleanup>();
    }
}
