using Campaigns.Application.Customers;
using Campaigns.Domain.Customers;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Customers.Components;

/// <summary>How the customer buys, as the behaviour job last aggregated their orders.</summary>
public partial class CustomerBehaviourPanel
{
    /// <summary>The customer shown.</summary>
    [Parameter, EditorRequired] public CustomerProfile Profile { get; set; } = default!;

    private CustomerBehaviour B => Profile.Behaviour;
}
