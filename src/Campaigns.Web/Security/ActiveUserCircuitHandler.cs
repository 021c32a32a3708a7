using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Campaigns.Web.Security;

/// <summary>
/// Before a circuit runs anything its browser sends (a click, an input, a navigation), checks that its user is still
/// active; if not, the circuit is signed out and the action dropped. Revalidation alone would leave a disabled user's
/// open page up to a minute to save. Every interactive page requires sign-in, so a circuit without an active user
/// has nothing to run.
/// </summary>
public sealed class ActiveUserCircuitHandler(AuthenticationStateProvider authentication, UserSessions sessions) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            if (await sessions.IsActiveAsync(user))
            {
                await next(context);
                return;
            }
            if (user.Identity?.IsAuthenticated == true && authentication is RevalidatingUserStateProvider circuit) circuit.SignOut();
        };
}
