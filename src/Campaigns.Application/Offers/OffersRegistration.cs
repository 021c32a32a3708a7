using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Offers;

public static class OffersRegistration
{
    /// <summary>Planning which offer each customer gets, and the policy test's results.</summary>
    public static IServiceCollection AddOffers(this IServiceCollection services) => services.AddScoped<OfferPlanService>().AddScoped<DiscountDepthService>().AddScoped<PolicyTestResults>();
}
