namespace Campaigns.Domain.Customers;

/// <summary>
/// A customer's predictions from the current customer-insights model, as of <see cref="ScoredAt"/>: one row per customer
/// with at least one order (a customer without orders has no history to predict from). Every scoring replaces them all.
/// </summary>
public sealed class CustomerScore
{
    /// <summary>Churn risk from which a customer is in the medium band, and in the high band.</summary>
    public const double MediumRisk = 0.3, HighRisk = 0.6;

    public static ChurnBand BandOf(double churnRisk) => churnRisk >= HighRisk ? ChurnBand.High : churnRisk >= MediumRisk ? ChurnBand.Medium : ChurnBand.Low;

    public Guid CustomerId { get; set; }
    /// <summary>P(no order in the churn horizon), 0..1.</summary>
    public double ChurnRisk { get; set; }
    /// <summary>P(an order in the purchase horizon), 0..1.</summary>
    public double PurchaseProbability { get; set; }
    /// <summary>Expected orders over the value horizon (BG/NBD).</summary>
    public double ExpectedOrders { get; set; }
    /// <summary>Expected spend over the value horizon, from the value model the backtest chose.</summary>
    public decimal PredictedValue { get; set; }
    /// <summary>Share of scored customers predicted to be worth less (0..1): "top 20% by value" is at least 0.8.</summary>
    public double ValuePercentile { get; set; }
    /// <summary>The persona's stable id (kept across retrainings) and its name.</summary>
    public int PersonaId { get; set; }
    public string Persona { get; set; } = "";
    /// <summary>When the next order is expected (the BG/NBD rate); null when fewer than one is expected in the value horizon.</summary>
    public DateTime? NextOrderExpectedAt { get; set; }
    /// <summary>
    /// The three categories the customer is most likely to buy from next, most likely first (product affinity); null when the
    /// model has no affinity or knows fewer categories. "Likely to buy X" is X among the three.
    /// </summary>
    public Guid? TopCategory1Id { get; set; }
    public Guid? TopCategory2Id { get; set; }
    public Guid? TopCategory3Id { get; set; }
    /// <summary>The ids of the products the customer is most likely to buy next (at most <see cref="TopProductsStored"/>), most likely first, comma-separated.</summary>
    public string? TopProductIds { get; set; }
    public const int TopProductsStored = 3;

    /// <summary>The top categories in order, without the empty ones.</summary>
    public IEnumerable<Guid> TopCategoryIds => new[] { TopCategory1Id, TopCategory2Id, TopCategory3Id }.Where(id => id is not null).Select(id => id!.Value);

    /// <summary>The top products' ids in order.</summary>
    public IEnumerable<Guid> TopProducts => (TopProductIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse);
    public DateTime ScoredAt { get; set; }
    public Guid ModelVersionId { get; set; }
}
