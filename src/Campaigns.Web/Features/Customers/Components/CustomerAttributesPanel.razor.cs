using Campaigns.Application.Customers;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Customers.Components;

/// <summary>Who the customer is: the store's fields and the attributes imports added.</summary>
public partial class CustomerAttributesPanel
{
    /// <summary>The customer shown.</summary>
    [Parameter, EditorRequired] public CustomerProfile Profile { get; set; } = default!;
}
