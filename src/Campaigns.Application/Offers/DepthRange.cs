using Campaigns.Domain;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Offers;

/// <summary>
/// The depths a marketer allows for a percent-off or amount-off offer: from <see cref="Min"/> to <see cref="Max"/> in steps
/// of <see cref="Step"/>. Each depth becomes one of the campaign's offers, so the offer plan prices every depth on every
/// customer and picks the most profitable one (or none), and the saved plan names each customer's depth by position.
/// </summary>
public sealed record DepthRange(decimal? Min, decimal? Max, decimal? Step)
{
    /// <summary>The offer whose depth is chosen: the campaign's first percent-off or amount-off offer; null when it has none.</summary>
    public static Promotion? TemplateOf(Campaign campaign) =>
        campaign.Offers.FirstOrDefault(o => o.Type is PromotionType.PercentDiscount or PromotionType.FixedAmountOff);

    /// <summary>The range the campaign's offers of the template's type already span, to start the form from; 5 points around the template otherwise.</summary>
    public static DepthRange Initial(Campaign campaign)
    {
        var template = TemplateOf(campaign);
        var depths = campaign.Offers.Where(o => o.Type == template?.Type).Select(Depth).OfType<decimal>().Order().ToList();
        if (depths.Count >= 2) return new DepthRange(depths[0], depths[^1], depths[1] - depths[0]);
        var depth = template is null ? 10 : Depth(template) ?? 10;
        return new DepthRange(depth, depth + 15, 5);
    }

    public static decimal? Depth(Promotion offer) => offer.Type == PromotionType.PercentDiscount ? offer.PercentOff : offer.AmountOff;

    /// <summary>The depths, lowest first; empty while <see cref="Validate"/> finds errors.</summary>
    public IReadOnlyList<decimal> Depths(Promotion template) => Validate(template).Count > 0 ? [] : Steps();

    private List<decimal> Steps()
    {
        var depths = new List<decimal>();
        for (var d = Min!.Value; d <= Max!.Value && depths.Count <= Campaign.MaxOffers; d += Step!.Value) depths.Add(d);
        return depths;
    }

    /// <summary>What is wrong with the range for this offer, by field (Min, Max, Step).</summary>
    public IReadOnlyList<FieldError> Validate(Promotion template)
    {
        var errors = new List<FieldError>();
        var percent = template.Type == PromotionType.PercentDiscount;
        string Show(decimal v) => percent ? $"{v:0.##}%" : $"{v:0.##}";
        if (Min is not { } min) errors.Add(new(nameof(Min), "Enter the smallest depth."));
        else if (min <= 0) errors.Add(new(nameof(Min), "The smallest depth must be above zero."));
        if (Max is not { } max) errors.Add(new(nameof(Max), "Enter the largest depth."));
        else if (percent && max > CampaignRules.MaxPercentOff) errors.Add(new(nameof(Max), $"A discount can be at most {CampaignRules.MaxPercentOff}% (got {Show(max)})."));
        else if (!percent && template.MinimumSpend > 0 && max >= template.MinimumSpend)
            errors.Add(new(nameof(Max), $"The amount off must stay below the minimum spend ({template.MinimumSpend:0.##}), or the store pays customers to buy."));
        if (Step is not { } step) errors.Add(new(nameof(Step), "Enter the step between depths."));
        else if (step <= 0) errors.Add(new(nameof(Step), "The step must be above zero."));
        if (errors.Count > 0) return errors;
        if (Min >= Max) return [new(nameof(Max), $"The largest depth must be above the smallest ({Show(Min!.Value)}).")];
        if ((Max - Min) % Step != 0)
            return [new(nameof(Step), $"Steps of {Show(Step!.Value)} from {Show(Min!.Value)} do not end on {Show(Max!.Value)}: change the step or the largest depth.")];
        var count = Steps().Count;
        if (count > Campaign.MaxOffers)
            return [new(nameof(Step), $"That is more than {Campaign.MaxOffers} depths, the most a campaign tests: take a larger step or a narrower range.")];
        return errors;
    }
}
