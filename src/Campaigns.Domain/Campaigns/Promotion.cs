namespace Campaigns.Domain.Campaigns;

/// <summary>The offer a campaign makes: its type, its terms and its limits.</summary>
public sealed class Promotion
{
    /// <summary>Null when unknown (a campaign imported from a file that did not say): never read as a default offer.</summary>
    public PromotionType? Type { get; set; } = PromotionType.PercentDiscount;

    /// <summary>The type where it must be known (copy is written on the terms); campaigns made in the app always have one.</summary>
    public PromotionType KnownType => Type ?? throw new DomainException("This campaign's offer is unknown: say what it was before writing copy for it.");
    /// <summary>Percent off, for <see cref="PromotionType.PercentDiscount"/> (1..90).</summary>
    public decimal? PercentOff { get; set; }
    /// <summary>Currency amount off, for <see cref="PromotionType.FixedAmountOff"/>.</summary>
    public decimal? AmountOff { get; set; }
    /// <summary>Minimum basket for the offer to apply (0 = none).</summary>
    public decimal MinimumSpend { get; set; }
    /// <summary>Bundle terms: buy this many ...</summary>
    public int? BundleBuy { get; set; }
    /// <summary>... and get this many free.</summary>
    public int? BundleGet { get; set; }
    /// <summary>Restricts the offer to one category; null means the whole catalogue.</summary>
    public Guid? CategoryId { get; set; }
    public string? CouponCode { get; set; }
    public Channel Channel { get; set; }

    /// <summary>Whether a customer given either offer gets the same deal (the coupon code and channel aside).</summary>
    public bool SameTermsAs(Promotion other) =>
        (Type, PercentOff, AmountOff, MinimumSpend, BundleBuy, BundleGet, CategoryId)
        == (other.Type, other.PercentOff, other.AmountOff, other.MinimumSpend, other.BundleBuy, other.BundleGet, other.CategoryId);

    /// <summary>Short human description of the terms, used in lists and copy slots.</summary>
    /// <param name="money">Writes an amount (the UI adds the store's currency); plain "0.##" without it.</param>
    public string Describe(Func<decimal, string>? money = null)
    {
        money ??= v => v.ToString("0.##");
        return Type switch
        {
            PromotionType.PercentDiscount => $"{PercentOff:0.##}% off",
            PromotionType.FixedAmountOff => $"{money(AmountOff ?? 0)} off",
            PromotionType.FreeShipping => "Free shipping",
            PromotionType.Bundle => $"Buy {BundleBuy} get {BundleGet} free",
            null => "Unknown offer",
            _ => Type.ToString()!,
        } + (MinimumSpend > 0 ? $" over {money(MinimumSpend)}" : "");
    }

    /// <summary>
    /// What the offer costs the store on an order of this value, the figure budgets and incremental-profit
    /// targeting are priced on.
    /// </summary>
    public decimal CostOn(decimal orderValue, decimal shippingFee, decimal averageItemPrice)
    {
        if (orderValue < MinimumSpend) return 0;
        return Type switch
        {
            PromotionType.PercentDiscount => orderValue * (PercentOff ?? 0) / 100m,
            PromotionType.FixedAmountOff => Math.Min(orderValue, AmountOff ?? 0),
            PromotionType.FreeShipping => shippingFee,
            // A millionth of a bundle of slack: an item price derived from the order itself (order / items) must not,
            // by rounding, leave the order a hair short of the bundle it holds.
            PromotionType.Bundle when BundleBuy is > 0 && BundleGet is > 0 =>
                averageItemPrice * BundleGet.Value * Math.Floor(orderValue / (averageItemPrice * (BundleBuy.Value + BundleGet.Value)) + 0.000001m),
            _ => 0,
        };
    }
}
