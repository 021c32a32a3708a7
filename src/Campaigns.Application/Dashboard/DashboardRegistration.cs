using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Dashboard;

public static class DashboardRegistration
{
    /// <summary>Registers the dashboard's figures and the cached store-wide totals.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddSingleton<StoreTotals>().AddScoped<DashboardData>();
}
