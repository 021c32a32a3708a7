using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Integration;

public static class IntegrationRegistration
{
    /// <summary>Registers assignment, event ingestion (with its lookups, kept for the process) and API-key administration.</summary>
    public static IServiceCollection AddIntegration(this IServiceCollection services) => services
        .AddScoped<AssignmentService>()
        .AddScoped<EventIngestion>()
        .AddSingleton<IngestionLookups>()
        .AddScoped<ApiKeyAdmin>();
}
