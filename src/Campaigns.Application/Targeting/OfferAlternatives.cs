using Campaigns.Domain.Campaigns;
using Campaigns.Ml.Offers;
using Campaigns.Ml.Uplift;

namespace Campaigns.Application.Targeting;

/// <summary>
/// What each training row's experiment randomized among: for rows of an experiment that tried several offers, one row
/// of <see cref="Rows"/> per offer (the customer's features with that offer's terms, in <see cref="Offers"/>), from
/// <c>First[row]</c> to <c>First[row + 1]</c>; <see cref="Logged"/> is the offer the row got (-1: none) and
/// <see cref="Propensity"/> the share of its experiment that got the same.
/// </summary>
public sealed record OfferAlternatives(UpliftDataset Rows, int[] First, int[] Logged, double[] Propensity, IReadOnlyList<Promotion> Offers)
{
    /// <summary>The alternatives as the offer trainer judges a plan on them, priced with the store's economics.</summary>
    public OfferChoices ToChoices(StoreEconomics economics) =>
        new(Rows, First, Logged, Propensity, (alternative, basket) => economics.PurchaseValue(Offers[alternative], basket));
}
