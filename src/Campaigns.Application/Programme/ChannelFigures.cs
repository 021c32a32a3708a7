using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Programme;

/// <summary>
/// The orders of programme customers since the holdout started that a campaign on this channel is named on: attributed,
/// not incremental, and not a causal estimate. Many of those orders would have been placed without the campaign, and the
/// holdout gets no campaign on any channel, so nothing records which held-out customers a channel would have reached: a
/// channel has no comparison group of its own. The names say so, in the API's JSON too.
/// </summary>
public sealed record ChannelFigures(Channel Channel, int AttributedOrders, double AttributedRevenue, double DiscountCost);
