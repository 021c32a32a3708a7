namespace Campaigns.Application.Integration;

/// <summary>
/// A customer's latest predictions as a sender reads them beside the assignment: churn risk and purchase propensity over
/// the configured horizons, predicted spend over the next 12 months, the persona, when they were scored, and the names of
/// the categories they are most likely to buy from next, most likely first, and the name of the product they are most likely
/// to buy next, which the sender merges into copy's "[Recommended product]".
/// </summary>
public sealed record CustomerInsight(double ChurnRisk, double PurchaseProbability, decimal PredictedValue12m, string Persona, DateTime ScoredAt,
    IReadOnlyList<string>? TopCategories = null, string? RecommendedProduct = null);
