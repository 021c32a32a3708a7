using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Dashboard;

public static class DashboardRegistration
{
    /// <summary>Registers the dashboard's figures.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddScoped<DashboardData>();
}
