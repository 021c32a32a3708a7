using Campaigns.Domain.Customers;

namespace Campaigns.Application.Customers;

/// <summary>
/// What the store knows of one customer: attributes, behaviour aggregates (as the behaviour job last computed them),
/// latest orders and the campaigns they received, newest first; and the latest predictions (null until scored), with the
/// names of the categories and products the customer is most likely to buy next, most likely first (empty without affinity).
/// </summary>
public sealed record CustomerProfile(Guid Id, string ExternalId, string? Name, string? Email, string Region, Device Device, DateTime SignedUpAt,
    bool EmailOptIn, IReadOnlyList<CustomerAttribute> Attributes, CustomerBehaviour Behaviour, string? TopCategory,
    IReadOnlyList<CustomerOrder> Orders, IReadOnlyList<CustomerCampaign> Campaigns, CustomerScore? Score,
    IReadOnlyList<string>? LikelyCategories = null, IReadOnlyList<string>? LikelyProducts = null);
