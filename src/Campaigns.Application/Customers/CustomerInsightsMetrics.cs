using System.Text.Json;
using Campaigns.Analytics.Customers;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Ml.Customers;

namespace Campaigns.Application.Customers;

/// <summary>
/// Everything stored with a customer-insights version: the backtest that judged it (models trained as of a past cut-off,
/// scored against what customers then did), the personas as of training with their sizes, the decision, and the behaviour
/// features' distributions as of the training cut-off that monitoring compares today's customers with (null: trained before they were stored).
/// </summary>
public sealed record CustomerInsightsMetrics(CustomerBacktest Backtest, IReadOnlyList<Persona> Personas, int Customers, int Orders, string Decision,
    IReadOnlyList<FeatureProfile>? Features = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, UpliftModelMetrics.Json);

    public static CustomerInsightsMetrics? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<CustomerInsightsMetrics>(json, UpliftModelMetrics.Json); }
        catch (JsonException) { return null; }
    }
}
