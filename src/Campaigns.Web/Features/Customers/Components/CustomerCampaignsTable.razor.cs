using Campaigns.Application.Customers;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Customers.Components;

/// <summary>The campaigns whose experiments assigned the customer, newest first, with what the customer did in each.</summary>
public partial class CustomerCampaignsTable
{
    /// <summary>The campaigns shown, newest assignment first.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<CustomerCampaign> Campaigns { get; set; } = [];
}
