using Campaigns.Domain.Audiences;

namespace Campaigns.Application.Offers;

/// <summary>What a marketer asks the offer plan for: who is eligible, and the most the offers may give away (null: no limit).</summary>
public sealed record OfferPlanRequest(Guid CampaignId, AudienceRules Rules, decimal? Budget)
{
    public IReadOnlyList<string> Validate()
    {
        var errors = Rules.Validate().ToList();
        if (Budget is <= 0) errors.Add("Set a budget above zero, or leave it empty for no limit.");
        return errors;
    }
}
