using Campaigns.Analytics.Offers;
using Campaigns.Application.Audiences;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Campaigns;
using Campaigns.Ml.Offers;

namespace Campaigns.Application.Offers;

/// <summary>
/// Prices a campaign's offers on scored customers: the model reads arm 1 with an offer's terms in the row and arm 0
/// without any offer; each purchase is valued with <see cref="StoreEconomics.PurchaseValue"/>, plus the customer's retention
/// value (<see cref="StoreEconomics.RetentionValue"/>, 0 unless the plan weighs it) on both sides, so only the purchases the
/// offer causes gain it. The plan, the customer explanation and the benchmark all price this way.
/// </summary>
public static class OfferPricing
{
    /// <summary>Every offer on every row, customer by customer (<c>[i * offers.Count + k]</c>), as <see cref="OfferPlanner"/> takes them.</summary>
    /// <param name="retention">Each row's retention value; null: none.</param>
    public static OfferOption[] PriceAll(OfferModel model, AttributeSchema attributes, IReadOnlyList<CustomerRow> rows,
        IReadOnlyList<CandidateOffer> offers, StoreEconomics economics, IReadOnlyList<double>? retention = null)
    {
        var priced = new OfferOption[rows.Count * offers.Count];
        for (var k = 0; k < offers.Count; k++)
        {
            var predictions = model.Predict(CustomerRow.Dataset(rows, offers[k].Terms, attributes, model.Arms));
            for (var i = 0; i < rows.Count; i++) priced[i * offers.Count + k] = Price(predictions, i, offers[k].Terms, economics, retention?[i] ?? 0);
        }
        return priced;
    }

    /// <summary>One offer for one scored customer.</summary>
    public static OfferOption Price(OfferPredictions predictions, int row, Promotion offer, StoreEconomics economics, double retention = 0)
    {
        var (withOffer, without) = (Math.Max(0, predictions.Basket(row, 1)), Math.Max(0, predictions.Basket(row, 0)));
        return new OfferOption(Math.Clamp(predictions.Probability(row, 1), 0, 1), Math.Clamp(predictions.Probability(row, 0), 0, 1),
            economics.PurchaseValue(offer, withOffer) + retention, economics.PurchaseValue(null, without) + retention, economics.CostOn(offer, withOffer));
    }
}
