using Campaigns.Analytics.Offers;

namespace Campaigns.Ml.Offers;

/// <summary>
/// One point of the multi-offer cost curve: the plan kept only for customers whose expected incremental profit per unit
/// of expected spend is at least <paramref name="MinProfitPerSpend"/> (the others get nothing); null: no offer kept yet, or
/// only offers that cost nothing.
/// </summary>
/// <param name="Customers">Customers who still get an offer.</param>
/// <param name="SpendPerCustomer">Expected spend (what the offers give away on expected purchases) per customer of the data.</param>
/// <param name="IncrementalProfit">Doubly robust incremental profit per customer over sending nothing, with its interval.</param>
public sealed record OfferCostPoint(double? MinProfitPerSpend, int Customers, double SpendPerCustomer, ValueEstimate IncrementalProfit);
