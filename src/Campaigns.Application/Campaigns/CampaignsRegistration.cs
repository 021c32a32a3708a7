using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Campaigns;

public static class CampaignsRegistration
{
    /// <summary>Campaign editing, the approval workflow and launch, and the catalogue lists the editor picks from.</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services) =>
        services.AddScoped<CampaignService>().AddScoped<CatalogLookup>();
}
