using Campaigns.Application.Customers;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Customers;

/// <summary>One customer's profile: who they are, how they buy, their latest orders and the campaigns they received.</summary>
public partial class CustomerDetail
{
    private CustomerProfile? _profile;
    private bool _notFound;

    [Inject] private CustomerProfileService Customers { get; set; } = default!;

    /// <summary>The customer's id (ours, not the store's external id).</summary>
    [Parameter] public Guid Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _profile = await Customers.LoadAsync(Id);
        _notFound = _profile is null;
    }
}
