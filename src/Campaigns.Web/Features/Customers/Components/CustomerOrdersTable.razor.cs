using Campaigns.Application.Customers;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Customers.Components;

/// <summary>A customer's latest orders, newest first, each with the campaign it converted.</summary>
public partial class CustomerOrdersTable
{
    /// <summary>The orders shown, newest first.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<CustomerOrder> Orders { get; set; } = [];

    /// <summary>How many orders the customer has in all, to say when only the latest are shown.</summary>
    [Parameter] public int OrderCount { get; set; }
}
