using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Audiences;

public static class AudiencesRegistration
{
    /// <summary>Building and saving a campaign's audience, and the saved audiences with the customer base by segment.</summary>
    public static IServiceCollection AddAudiences(this IServiceCollection services) =>
        services.AddScoped<AudienceBuilder>().AddScoped<SavedAudiences>();
}
