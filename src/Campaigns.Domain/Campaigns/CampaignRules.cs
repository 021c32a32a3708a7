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

        if (c.Budget <= 0) Add(nameof(c.Budget), "Set a budget above zero: it caps what the discounts may cost.");

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
                else if (amount > c.Budget && c.Budget > 0) Add(nameof(p.AmountOff), "A single redemption would exceed the whole budget.");
                break;
            case PromotionType.Bundle:
                if (p.BundleBuy is not > 0) Add(nameof(p.BundleBuy), "A bundle needs the number of items to buy (1 or more).");
                if (p.BundleGet is not > 0) Add(nameof(p.BundleGet), "A bundle needs the number of free items (1 or more).");
                break;
        }
        if (p.MinimumSpend < 0) Add(nameof(p.MinimumSpend), "The minimum spend cannot be negative.");

        if (!string.IsNullOrEmpty(p.CouponCode) && !CouponPattern().IsMatch(p.CouponCode))
            Add(nameof(p.CouponCode), "A coupon code is 4 to 20 capital letters, digits or dashes (e.g. SPRING-20).");
        return errors;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{2,18}[A-Z0-9]$")]
    private static partial Regex CouponPattern();
}
