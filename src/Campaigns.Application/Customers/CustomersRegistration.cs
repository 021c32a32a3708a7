using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Customers;

public static class CustomersRegistration
{
    /// <summary>Registers the customer search and profile, and the scoring of every customer by the customer-insights model.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services) => services.AddScoped<CustomerProfileService>().AddScoped<CustomerScoring>();
}
