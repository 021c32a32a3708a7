using System.Text.RegularExpressions;

namespace Campaigns.Domain.Campaigns;

/// <summary>The rules a campaign must satisfy before it can be submitted; the editor shows the same messages.</summary>
public static partial class CampaignRules
{
    public const decimal MaxPercentOff = 90;
    public const int MaxNameLength = 120;

    public static IReadOnlyList<FieldError> Validate(Campaign c)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));
        var p = c.Promotion;

        if (string.IsNullOrWhiteSpace(c.Name)) Add(nameof(c.Name), "Give the campaign a name.");
        else if (c.Name.Length > MaxNameLength) Add(nameof(c.Name), $"The name is {c.Name.Length} characters; keep it to {MaxNameLength}.");

        if (c.EndsAt <= c.StartsAt) Add(nameof(c.EndsAt), "The end date must be after the start date.");
        else if ((c.EndsAt - c.StartsAt).TotalDays > 366) Add(nameof(c.EndsAt), "A campaign can run for at most a year.");

        if (c.Budget < 0) Add(nameof(c.Budget), $"The budget cannot be negative (got {c.Budget:0.##}): enter the most the discounts may cost, above zero.");
        else if (c.Budget == 0) Add(nameof(c.Budget), "Set a budget above zero: it caps what the discounts may cost.");

        var offers = c.Offers;
        // An offer whose terms are incomplete has its own message; comparing it with another (two blank offers read
        // alike) would only say the same thing twice.
        var complete = new bool[offers.Count];
        for (var i = 0; i < offers.Count; i++)
        {
            var before = errors.Count;
            ValidateTerms(offers[i], c.Budget, OfferField(i), Add);
            complete[i] = errors.Count == before;
        }
        if (offers.Count > Campaign.MaxOffers)
            Add(nameof(c.Offers), $"A campaign tests at most {Campaign.MaxOffers} offers; remove {offers.Count - Campaign.MaxOffers}.");
        for (var i = 1; i < offers.Count; i++)
        {
            if (offers[i].Channel != p.Channel)
                Add(OfferField(i) + nameof(Promotion.Channel), $"Every offer goes out on the campaign's channel ({p.Channel}).");
            var twin = complete[i] ? Enumerable.Range(0, i).FirstOrDefault(j => complete[j] && offers[j].Describe() == offers[i].Describe(), -1) : -1;
            if (twin >= 0) Add(OfferField(i) + nameof(Promotion.Type), $"Offer {i + 1} has the same terms as offer {twin + 1} ({offers[i].Describe()}): change them or remove it.");
            var sameCode = offers.Take(i).ToList().FindIndex(o => o.CouponCode is { Length: > 0 } code && code == offers[i].CouponCode);
            if (sameCode >= 0) Add(OfferField(i) + nameof(Promotion.CouponCode), $"Offer {sameCode + 1} has this coupon code: give each offer its own, so a redemption tells which offer it was.");
        }
        return errors;
    }

    /// <summary>
    /// The prefix of an offer's fields: none for the campaign's promotion (its fields are named as they always were),
    /// <c>Offers[i].</c> for the offer in position i.
    /// </summary>
    public static string OfferField(int position) => position == 0 ? "" : $"{nameof(Campaign.Offers)}[{position}].";

    /// <summary>The terms of one offer: what its type needs, within bounds a store can honour.</summary>
    private static void ValidateTerms(Promotion p, decimal budget, string prefix, Action<string, string> add)
    {
        void Add(string field, string message) => add(prefix + field, message);
        switch (p.Type)
        {
            case null:
                Add(nameof(p.Type), "Choose the offer.");
                break;
            case PromotionType.PercentDiscount:
                if (p.PercentOff is not { } pct) Add(nameof(p.PercentOff), "Enter the percentage off.");
                else if (pct <= 0 || pct > MaxPercentOff) Add(nameof(p.PercentOff), $"The discount must be between 1% and {MaxPercentOff}% (got {pct:0.##}%).");
                break;
            case PromotionType.FixedAmountOff:
                if (p.AmountOff is not { } amount) Add(nameof(p.AmountOff), "Enter the amount off.");
                else if (amount <= 0) Add(nameof(p.AmountOff), "The amount off must be above zero.");
                else if (p.MinimumSpend > 0 && amount >= p.MinimumSpend) Add(nameof(p.AmountOff), "The amount off must be below the minimum spend, or the store pays customers to buy.");
                else if (amount > budget && budget > 0) Add(nameof(p.AmountOff), "A single redemption would exceed the whole budget.");
                break;
            case PromotionType.Bundle:
                if (p.BundleBuy is not > 0) Add(nameof(p.BundleBuy), "A bundle needs the number of items to buy (1 or more).");
                if (p.BundleGet is not > 0) Add(nameof(p.BundleGet), "A bundle needs the number of free items (1 or more).");
                break;
        }
        if (p.MinimumSpend < 0) Add(nameof(p.MinimumSpend), "The minimum spend cannot be negative.");

        if (!string.IsNullOrEmpty(p.CouponCode) && !CouponPattern().IsMatch(p.CouponCode))
            Add(nameof(p.CouponCode), "A coupon code is 4 to 20 capital letters, digits or dashes (e.g. SPRING-20).");
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{2,18}[A-Z0-9]$")]
    private static partial Regex CouponPattern();
}
