using Campaigns.Domain.Audiences;

namespace Campaigns.Application.Audiences;

/// <summary>
/// One member of a saved audience as a sender receives it, with the customer's latest predictions (null until scored) and
/// the names of the categories they are most likely to buy from next, most likely first (empty until scored), and the
/// product a sender merges into copy's "[Recommended product]" (<see cref="Campaigns.Application.Customers.RecommendedProduct"/>).
/// </summary>
public sealed record AudienceExportRow(string ExternalId, string? Email, AudienceCell Cell, int Rank, double PredictedUplift, double ExpectedProfit,
    double? ChurnRisk, double? PurchaseProbability, decimal? PredictedValue, string? Persona, IReadOnlyList<string>? TopCategories = null,
    string? RecommendedProduct = null);
