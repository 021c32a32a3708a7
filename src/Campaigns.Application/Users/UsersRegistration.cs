using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Users;

public static class UsersRegistration
{
    /// <summary>Registers the Admins' operations on users (over Identity's user manager, which the host registers) and the audit log they read.</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services) => services.AddScoped<UserAdmin>().AddScoped<AuditTrail>();
}
