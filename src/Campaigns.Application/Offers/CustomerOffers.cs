namespace Campaigns.Application.Offers;

/// <summary>How the offer model prices each of a campaign's offers for one customer, and why.</summary>
public sealed record CustomerOffers(string CustomerKey, IReadOnlyList<CustomerOfferEstimate> Offers);
