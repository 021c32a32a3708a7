using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Targeting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Copy;

public static class CopyRegistration
{
    /// <summary>"Suggest copy" with its choices, the copy library, the Admins' banned phrases, and what the store promises (from settings).</summary>
    public static IServiceCollection AddCopy(this IServiceCollection services) =>
        services.AddScoped<CopySuggestionService>().AddScoped<BannedPhraseAdmin>().AddScoped<CopyCatalog>()
            .AddSingleton(sp => CopySuggester.Promises(sp.GetRequiredService<IOptions<TargetingOptions>>().Value, sp.GetRequiredService<IOptions<StoreOptions>>().Value));
}
