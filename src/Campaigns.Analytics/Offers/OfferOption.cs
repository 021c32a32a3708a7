namespace Campaigns.Analytics.Offers;

/// <summary>
/// One candidate offer for one customer, as the offer model predicts it: the chance to buy with the offer and without
/// any, what a purchase is worth to the store with the offer (margin of the basket minus what the offer gives away)
/// and without it, and what the offer gives away on that purchase.
/// </summary>
public readonly record struct OfferOption(double PBuy, double PNone, double ValueIfBuys, double ValueIfNone, double CostIfBuys)
{
    /// <summary>Profit the offer causes: the value of the purchases made with it, minus those that would have happened anyway.</summary>
    public double Profit => PBuy * ValueIfBuys - PNone * ValueIfNone;

    /// <summary>What the offer is expected to give away: the budget it uses.</summary>
    public double Spend => PBuy * CostIfBuys;

    /// <summary>
    /// Variance of the realized incremental profit, with buying under the offer and without it as independent Bernoulli
    /// potential outcomes (as <see cref="Targeting.ProfitVariance"/> does for one offer).
    /// </summary>
    public double Variance => ValueIfBuys * ValueIfBuys * PBuy * (1 - PBuy) + ValueIfNone * ValueIfNone * PNone * (1 - PNone);
}
