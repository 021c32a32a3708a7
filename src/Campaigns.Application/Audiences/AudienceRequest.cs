using Campaigns.Domain.Audiences;

namespace Campaigns.Application.Audiences;

/// <summary>
/// What a marketer asks for: a segment by rules, narrowed by the model, plus an optional random cell; with
/// <paramref name="WeighRetention"/> a purchase the promotion causes also counts the customer's retention value.
/// </summary>
public sealed record AudienceRequest(Guid CampaignId, AudienceRules Rules, AudienceSelection Selection,
    double? TopPercent = null, double? UpliftThreshold = null, decimal? Budget = null, double RandomCellShare = 0, bool WeighRetention = false)
{
    public IReadOnlyList<string> Validate()
    {
        var errors = Rules.Validate().ToList();
        switch (Selection)
        {
            case AudienceSelection.TopPercent when TopPercent is not (> 0 and <= 100):
                errors.Add("Top share must be between 0 and 100 percent."); break;
            case AudienceSelection.UpliftAbove when UpliftThreshold is not { } t || double.IsNaN(t) || t < -1 || t > 1:
                errors.Add("The uplift threshold is a change in purchase probability, between -100% and +100%."); break;
            case AudienceSelection.Budget when Budget is not > 0:
                errors.Add("Set a budget above zero."); break;
        }
        if (RandomCellShare is < 0 or > 0.5) errors.Add("The random cell is 0% to 50% of the eligible customers.");
        return errors;
    }
}
