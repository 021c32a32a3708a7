namespace Campaigns.Application.Integration;

/// <summary>
/// A customer's latest predictions as a sender reads them beside the assignment: churn risk and purchase propensity over
/// the configured horizons, predicted spend over the next 12 months, the persona, and when they were scored.
/// </summary>
public sealed record CustomerInsight(double ChurnRisk, double PurchaseProbability, decimal PredictedValue12m, string Persona, DateTime ScoredAt);
