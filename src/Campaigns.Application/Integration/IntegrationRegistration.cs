using Campaigns.Application.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Integration;

public static class IntegrationRegistration
{
    /// <summary>Registers assignment (with the best seller it recommends, kept for the process), event ingestion (with its lookups) and API-key administration.</summary>
    public static IServiceCollection AddIntegration(this IServiceCollection services) => services
        .AddScoped<AssignmentService>()
        .AddSingleton<BestSellerCache>()
        .AddScoped<EventIngestion>()
        .AddSingleton<IngestionLookups>()
        .AddScoped<ApiKeyAdmin>();
}
