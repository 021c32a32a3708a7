namespace Campaigns.Ml.Customers.Affinity;

/// <summary>
/// Whether the factorization is served or the popularity ranking, and the held-out figures of both that decided (null
/// when there was too little to compare): the factorization is served only when its precision@10 beats popularity's.
/// </summary>
public sealed record AffinityChoice(bool Factorization, AffinityQuality? FactorizationQuality, AffinityQuality? PopularityQuality, int HeldOutCustomers, string Reason);
