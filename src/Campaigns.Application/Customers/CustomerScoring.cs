using System.Text.Json;
using Campaigns.Analytics.Customers;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Models;
using Campaigns.Data;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Models;
using Campaigns.Ml.Customers;
using Campaigns.Ml.Customers.Affinity;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Customers;

/// <summary>
/// Writes every customer's predictions from a customer-insights version, as of today (today's orders included), replacing
/// the earlier ones in one transaction: audiences and pages never see half a scoring. Run after a version becomes current,
/// daily, and after an import adds orders.
/// </summary>
public sealed class CustomerScoring(CampaignsDbContext db, ModelStore store)
{
    public const string Job = "score-customers";

    /// <summary>The cut-off customers are described at: the end of today, so today's orders count.</summary>
    public static DateOnly CutOff(DateTime now) => DateOnly.FromDateTime(now).AddDays(1);

    /// <summary>Rescores every customer with the current version; a store without one is left as it is.</summary>
    public async Task<string> ScoreCurrentAsync(IProgress<(string Stage, double Fraction)>? progress, CancellationToken ct)
    {
        if (await store.CurrentAsync(ModelKind.CustomerInsights, ct) is not { } current)
            return "No customer insights model is current yet: customers keep their earlier predictions, if any.";
        var history = await StoredOrders.ReadAsync(db, progress, ct);
        return await ScoreAsync(current.Id, history, ct, progress);
    }

    internal async Task<string> ScoreAsync(Guid versionId, OrderHistory history, CancellationToken ct, IProgress<(string Stage, double Fraction)>? progress = null)
    {
        var models = await store.LoadCustomerModelsAsync(versionId, ct);
        var now = DateTime.UtcNow;
        var cutOff = CutOff(now);
        // Fractions continue reading the orders (0 to 0.2); a training run maps them into its own last stage.
        progress?.Report(("Describing customers", 0.2));
        var features = models.FeaturesAsOf(history, cutOff);
        progress?.Report(($"Predicting churn, purchase and value for {features.Count:N0} customers{(models.Affinity is null ? "" : ", and what each buys next")}", 0.3));
        // The two run on different cores: the trees score on one, the affinity network mostly on the other.
        var predicting = Task.Run(() => models.Predict(features), ct);
        var predictingAffinity = models.Affinity is { } a ? Task.Run<AffinityPredictions?>(() => a.Predict(history, cutOff, features.Customer), ct) : Task.FromResult<AffinityPredictions?>(null);
        var p = await predicting;
        var affinity = await predictingAffinity;
        ct.ThrowIfCancellationRequested();
        var (categoryIds, productIds) = await AffinityIdsAsync(models, ct);
        var n = features.Count;
        var rank = new int[n];
        for (var i = 0; i < n; i++) rank[i] = i;
        Array.Sort(p.PredictedValue.ToArray(), rank);
        var percentile = new double[n];
        for (var k = 0; k < n; k++) percentile[rank[k]] = n == 1 ? 1 : (double)k / (n - 1);
        var valueDays = models.Options.ValueDays;
        // Written in key order, the primary key's index grows at its end rather than splitting pages all over (lowercase
        // and uppercase hex sort alike, so this is the stored text's order too).
        var byKey = new int[n];
        for (var i = 0; i < n; i++) byKey[i] = i;
        Array.Sort(byKey.Select(i => history.CustomerIds[features.Customer[i]]).ToArray(), byKey, StringComparer.Ordinal);
        var scores = byKey.Select(i =>
        {
            var score = new CustomerScore
            {
                CustomerId = Guid.Parse(history.CustomerIds[features.Customer[i]]),
                ChurnRisk = p.ChurnRisk[i],
                PurchaseProbability = p.PurchaseProbability[i],
                ExpectedOrders = p.ExpectedOrders[i],
                PredictedValue = Math.Round((decimal)p.PredictedValue[i], 2),
                ValuePercentile = percentile[i],
                PersonaId = models.Personas.Personas[p.Persona[i]].Id,
                Persona = models.Personas.Personas[p.Persona[i]].Name,
                // The BG/NBD rate's mean wait; beyond the value horizon there is no date worth showing.
                NextOrderExpectedAt = p.ExpectedOrders[i] >= 1 ? now.AddDays(valueDays / p.ExpectedOrders[i]) : null,
                ScoredAt = now,
                ModelVersionId = versionId,
            };
            if (affinity is not null) SetAffinity(score, affinity, i, categoryIds, productIds);
            return score;
        });
        var bands = new int[3];
        foreach (var risk in p.ChurnRisk) bands[(int)CustomerScore.BandOf(risk)]++;
        var personas = p.Persona.GroupBy(k => models.Personas.Personas[k].Name).ToDictionary(g => g.Key, g => g.Count());
        db.CustomerScoreSnapshots.Add(new CustomerScoreSnapshot
        {
            TakenAt = now, ModelVersionId = versionId, Customers = n, LowRisk = bands[0], MediumRisk = bands[1], HighRisk = bands[2],
            PersonasJson = JsonSerializer.Serialize(personas),
        });
        progress?.Report(("Storing the predictions", 0.6));
        // Every id comes from a stored order, whose customer exists: the table's own reference holds without checking.
        await db.ReplaceAllAsync(scores, written => progress?.Report(($"Storing the predictions ({written:N0} of {n:N0})", 0.6 + 0.4 * written / Math.Max(1, n))), ct);
        return $"Scored {Display.Count(n)} customers with orders as of {cutOff.AddDays(-1):yyyy-MM-dd}.";
    }

    /// <summary>The stored ids of the affinity model's categories (by name; null for one no longer in the catalogue) and products.</summary>
    private async Task<(Guid?[] Categories, string?[] Products)> AffinityIdsAsync(CustomerModels models, CancellationToken ct)
    {
        if (models.Affinity is not { } affinity) return ([], []);
        var byName = (await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().Id);
        return (affinity.Categories.Select(name => byName.TryGetValue(name, out var id) ? id : (Guid?)null).ToArray(),
            affinity.Products.Select(key => Guid.TryParse(key, out var id) ? id.ToString() : null).ToArray());
    }

    private static void SetAffinity(CustomerScore score, AffinityPredictions affinity, int i, Guid?[] categoryIds, string?[] productIds)
    {
        var first = i * affinity.CategoriesPerCustomer;
        Guid? Category(int k) => k < affinity.CategoriesPerCustomer && affinity.TopCategories[first + k] is var c and >= 0 ? categoryIds[c] : null;
        (score.TopCategory1Id, score.TopCategory2Id, score.TopCategory3Id) = (Category(0), Category(1), Category(2));
        var products = affinity.TopProducts.AsSpan(i * affinity.ProductsPerCustomer, Math.Min(CustomerScore.TopProductsStored, affinity.ProductsPerCustomer));
        var ids = new List<string>(products.Length);
        foreach (var k in products)
            if (k >= 0 && productIds[k] is { } id) ids.Add(id);
        score.TopProductIds = ids.Count == 0 ? null : string.Join(',', ids);
    }
}
