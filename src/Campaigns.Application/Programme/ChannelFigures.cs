using Campaigns.Analytics.Programme;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Programme;

/// <summary>
/// One channel since the holdout started, two ways. Incremental: programme customers who qualified for at least one of
/// the channel's campaigns launched since then against held-out customers who would have (<see cref="Domain.Programme.CampaignQualifier"/>),
/// an intent-to-treat effect with 95% intervals. Attributed: the orders of programme customers that name one of the
/// channel's campaigns, not a causal estimate (many would have been placed without the campaign). The names say which, in
/// the API's JSON too.
/// </summary>
/// <param name="ProgrammeQualifiers">Programme customers in the incremental contrast.</param>
/// <param name="HoldoutQualifiers">Held-out customers in the incremental contrast.</param>
/// <param name="IncrementalOrders">Null when <paramref name="NoEstimate"/> says why.</param>
/// <param name="NoEstimate">Why the channel has no incremental estimate; null when it has one.</param>
/// <param name="DiscountCost">Discounts on the attributed orders.</param>
public sealed record ChannelFigures(Channel Channel, long ProgrammeQualifiers, long HoldoutQualifiers,
    EffectEstimate? IncrementalOrders, EffectEstimate? IncrementalRevenue, EffectEstimate? IncrementalMargin, string? NoEstimate,
    int AttributedOrders, double AttributedRevenue, double DiscountCost);
