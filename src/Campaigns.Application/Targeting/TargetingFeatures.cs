using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;

namespace Campaigns.Application.Targeting;

/// <summary>
/// What the model knows of a customer at one moment: only facts from before <see cref="AsOf"/>, except the imported
/// custom attributes (<see cref="CustomAttributesJson"/>), which have no history and are taken as they are now.
/// </summary>
public readonly record struct CustomerSnapshot(
    DateTime AsOf, string Region, Device Device, DateTime SignedUpAt,
    int Orders, double Spend, DateTime? LastOrderAt, int DiscountedOrders, int Items,
    int PastCampaigns, int PastCampaignConversions, string? CustomAttributesJson);

/// <summary>
/// The targeting model's features, computed the same way for training (as of each assignment) and scoring
/// (as of now), so a model never sees a feature defined differently from the one it learned. The promotion's
/// terms are features too: one model learns how the effect varies with the offer across past campaigns. A model
/// also has the custom attributes its <see cref="AttributeSchema"/> names, after the built-in features.
/// </summary>
public static class TargetingFeatures
{
    public static readonly IReadOnlyList<string> Numeric =
    [
        "recency_days", "orders", "spend", "avg_order_value", "tenure_days", "discount_share",
        "past_campaigns", "past_campaign_conversion_rate", "items_per_order", "percent_off", "amount_off", "minimum_spend",
    ];

    public static readonly IReadOnlyList<string> Categorical = ["region", "device", "promotion_type", "channel", "category_limited"];

    /// <summary>The leading numeric and categorical features describe the customer; the rest describe the offer and are watched for drift only through the customer ones.</summary>
    public const int CustomerNumeric = 9, CustomerCategorical = 2;

    /// <summary>Whether a built-in feature describes the offer rather than the customer.</summary>
    public static bool DescribesOffer(string feature) =>
        Numeric.Skip(CustomerNumeric).Contains(feature) || Categorical.Skip(CustomerCategorical).Contains(feature);

    /// <summary>The numeric columns of a model with these attributes: the built-in features, then the attributes.</summary>
    public static IReadOnlyList<string> NumericWith(AttributeSchema attributes) => [.. Numeric, .. attributes.NumericFeatures];

    /// <summary>The categorical columns of a model with these attributes: the built-in features, then the attributes.</summary>
    public static IReadOnlyList<string> CategoricalWith(AttributeSchema attributes) => [.. Categorical, .. attributes.CategoricalFeatures];

    /// <summary>Fills a row of <see cref="NumericWith"/> and <see cref="CategoricalWith"/> columns.</summary>
    public static void Fill(in CustomerSnapshot c, Promotion promotion, AttributeSchema attributes, Span<float> numeric, Span<string?> categorical)
    {
        Fill(c, promotion, numeric[..Numeric.Count], categorical[..Categorical.Count]);
        attributes.Fill(c.CustomAttributesJson, numeric[Numeric.Count..], categorical[Categorical.Count..]);
    }

    private static void Fill(in CustomerSnapshot c, Promotion promotion, Span<float> numeric, Span<string?> categorical)
    {
        numeric[0] = c.LastOrderAt is { } last ? (float)Math.Max(0, (c.AsOf - last).TotalDays) : float.NaN;
        numeric[1] = c.Orders;
        numeric[2] = (float)c.Spend;
        numeric[3] = c.Orders == 0 ? float.NaN : (float)(c.Spend / c.Orders);
        numeric[4] = (float)Math.Max(0, (c.AsOf - c.SignedUpAt).TotalDays);
        numeric[5] = c.Orders == 0 ? float.NaN : (float)c.DiscountedOrders / c.Orders;
        numeric[6] = c.PastCampaigns;
        numeric[7] = c.PastCampaigns == 0 ? float.NaN : (float)c.PastCampaignConversions / c.PastCampaigns;
        // Added after models were stored: a model matches columns by name, so versions trained without it score as before.
        numeric[8] = c.Orders == 0 ? float.NaN : (float)c.Items / c.Orders;
        numeric[9] = promotion.Type == PromotionType.PercentDiscount ? (float)(promotion.PercentOff ?? 0) : 0;
        numeric[10] = promotion.Type == PromotionType.FixedAmountOff ? (float)(promotion.AmountOff ?? 0) : 0;
        numeric[11] = (float)promotion.MinimumSpend;
        categorical[0] = c.Region;
        categorical[1] = c.Device.ToString();
        categorical[2] = promotion.Type.ToString();
        categorical[3] = promotion.Channel.ToString();
        categorical[4] = promotion.CategoryId is null ? "no" : "yes";
    }
}
