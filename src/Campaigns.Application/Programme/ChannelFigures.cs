using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Programme;

/// <summary>
/// The orders of programme customers since the holdout started that a campaign on this channel is named on: attributed,
/// not incremental (the holdout gets no campaign, so a channel has no holdout of its own to compare with).
/// </summary>
public sealed record ChannelFigures(Channel Channel, int Orders, double Revenue, double DiscountCost);
