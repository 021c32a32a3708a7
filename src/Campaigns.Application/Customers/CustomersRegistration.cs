using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Customers;

public static class CustomersRegistration
{
    /// <summary>Registers the customer search and profile.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services) => services.AddScoped<CustomerProfileService>();
}
