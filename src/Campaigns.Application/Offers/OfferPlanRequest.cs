using Campaigns.Domain.Audiences;

namespace Campaigns.Application.Offers;

/// <summary>
/// What a marketer asks the offer plan for: who is eligible, the most the offers may give away (null: no limit), and whether a
/// purchase an offer causes also counts the customer's retention value.
/// </summary>
public sealed record OfferPlanRequest(Guid CampaignId, AudienceRules Rules, decimal? Budget, bool WeighRetention = false)
{
    public IReadOnlyList<string> Validate()
    {
        var errors = Rules.Validate().ToList();
        if (Budget is <= 0) errors.Add("Set a budget above zero, or leave it empty for no limit.");
        return errors;
    }
}
