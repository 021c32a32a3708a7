using Campaigns.Analytics.Customers;

namespace Campaigns.Ml.Customers.Affinity;

/// <summary>Top-10 products and top-3 categories judged on what customers bought in the horizon after the cut-off.</summary>
public sealed record AffinityQuality(RecommendationQuality Products, RecommendationQuality Categories);
