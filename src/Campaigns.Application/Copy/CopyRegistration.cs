using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Copy;

public static class CopyRegistration
{
    /// <summary>"Suggest copy" with its choices, the copy library, and the Admins' banned phrases.</summary>
    public static IServiceCollection AddCopy(this IServiceCollection services) =>
        services.AddScoped<CopySuggestionService>().AddScoped<BannedPhraseAdmin>().AddScoped<CopyCatalog>();
}
