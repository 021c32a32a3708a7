using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Campaigns;

/// <summary>A campaign as the list and the API show it, with its offer in words.</summary>
public sealed record CampaignRow(Guid Id, string Name, string Offer, Channel Channel, DateTime StartsAt, DateTime EndsAt, decimal Budget, CampaignStatus Status, string CreatedBy, DateTime UpdatedAt);
