using Campaigns.Domain.Audiences;

namespace Campaigns.Application.Audiences;

/// <summary>A campaign's saved audience as the audiences list and the campaign page show it.</summary>
public sealed record SavedAudience(Guid CampaignId, string Campaign, AudienceSelection Selection, int Eligible, int Targeted, int RandomCell, int PutOff,
    double ExpectedProfit, DateTime CreatedAt, string CreatedBy);
