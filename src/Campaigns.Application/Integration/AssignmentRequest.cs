namespace Campaigns.Application.Integration;

/// <summary>POST /api/assignments body.</summary>
/// <param name="CampaignId">The campaign's id.</param>
/// <param name="CustomerId">The customer's id in the store (external id).</param>
public sealed record AssignmentRequest(Guid? CampaignId, string? CustomerId);
