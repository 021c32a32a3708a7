using Campaigns.Application.Users;

namespace Campaigns.Web.Features.Users;

public static class UsersExtensions
{
    /// <summary>The Admins' pages on users and the audit log; they have no endpoints.</summary>
    public static void AddUsers(this WebApplicationBuilder builder) => builder.Services.AddUsers();
}
