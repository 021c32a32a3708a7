using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.ContactRules;

public static class ContactRulesRegistration
{
    /// <summary>The Admins' contact rules (enforced by the audience builder and the assignment API themselves).</summary>
    public static IServiceCollection AddContactRules(this IServiceCollection services) => services.AddScoped<ContactRuleAdmin>();
}
