using System.Text.Json;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;

namespace Campaigns.Application.Audiences;

/// <summary>Translates an audience's rules into a database filter, so eligibility is decided where the customers are stored.</summary>
public static class AudienceQuery
{
    public static IQueryable<Customer> Eligible(this IQueryable<Customer> customers, AudienceRules rules, Promotion promotion, DateTime now)
    {
        // An email campaign can only reach customers who opted in to email.
        if (promotion.Channel == Channel.Email) customers = customers.Where(c => c.EmailOptIn);
        if (rules.Regions.Count > 0)
        {
            var regions = rules.Regions;
            customers = customers.Where(c => regions.Contains(c.Region));
        }
        if (rules.Devices.Count > 0)
        {
            var devices = rules.Devices;
            customers = customers.Where(c => devices.Contains(c.Device));
        }
        if (rules.MinOrders is { } minOrders) customers = customers.Where(c => c.Behaviour.OrderCount >= minOrders);
        if (rules.MaxOrders is { } maxOrders) customers = customers.Where(c => c.Behaviour.OrderCount <= maxOrders);
        if (rules.MinSpend is { } minSpend) customers = customers.Where(c => c.Behaviour.TotalSpend >= minSpend);
        if (rules.BoughtWithinDays is { } within)
        {
            var since = now.AddDays(-within);
            customers = customers.Where(c => c.Behaviour.LastOrderAt >= since);
        }
        if (rules.LapsedForDays is { } lapsed)
        {
            var before = now.AddDays(-lapsed);
            customers = customers.Where(c => c.Behaviour.LastOrderAt == null || c.Behaviour.LastOrderAt < before);
        }
        if (rules.MinTenureDays is { } tenure)
        {
            var signedUpBy = now.AddDays(-tenure);
            customers = customers.Where(c => c.SignedUpAt <= signedUpBy);
        }
        if (rules.MinDiscountShare is { } minShare) customers = customers.Where(c => c.Behaviour.DiscountShare >= minShare);
        if (rules.MaxDiscountShare is { } maxShare) customers = customers.Where(c => c.Behaviour.DiscountShare <= maxShare);
        // Prediction rules read the latest scoring (indexed); a customer not scored yet (no orders) matches none of them.
        if (rules.MinChurnRisk is { } churn) customers = customers.Where(c => c.Score != null && c.Score.ChurnRisk >= churn);
        if (rules.MinPurchaseProbability is { } buy) customers = customers.Where(c => c.Score != null && c.Score.PurchaseProbability >= buy);
        if (rules.TopValuePercent is { } top)
        {
            var from = 1 - top / 100;
            customers = customers.Where(c => c.Score != null && c.Score.ValuePercentile >= from);
        }
        if (rules.Personas.Count > 0)
        {
            var personas = rules.Personas;
            customers = customers.Where(c => c.Score != null && personas.Contains(c.Score.Persona));
        }
        if (rules.LikelyToBuy.Count > 0)
        {
            // Each top-category column has its index: the OR is three index lookups, not a scan.
            var ids = rules.LikelyToBuy.Select(x => (Guid?)x.Id).ToList();
            customers = customers.Where(c => c.Score != null &&
                (ids.Contains(c.Score.TopCategory1Id) || ids.Contains(c.Score.TopCategory2Id) || ids.Contains(c.Score.TopCategory3Id)));
        }
        foreach (var (name, value) in rules.Attributes)
        {
            // Imports store custom attributes as a JSON object of strings written by the same serializer, so the pair's text is exact.
            var pair = JsonSerializer.Serialize(name) + ":" + JsonSerializer.Serialize(value);
            customers = customers.Where(c => c.CustomAttributesJson != null && c.CustomAttributesJson.Contains(pair));
        }
        return customers;
    }
}
