using Campaigns.Analytics.Programme;

namespace Campaigns.Application.Programme;

/// <summary>The programme against the global holdout over one stretch of time: a month, or all of it since the holdout started.</summary>
/// <param name="From">Start (UTC, inclusive).</param>
/// <param name="To">End (UTC, exclusive): the next month's first day, or the moment the report was made.</param>
/// <param name="Orders">Incremental orders per customer and in all.</param>
/// <param name="Revenue">Incremental revenue (subtotal less discount).</param>
/// <param name="Margin">Incremental margin (revenue less the products' cost), so already net of the discounts given.</param>
/// <param name="DiscountCost">
/// Discounts on the programme customers' orders that name a campaign, in the window: what the programme's promotions gave
/// away (discounts a store gives outside its campaigns, held-out customers get as well, and are not the programme's).
/// </param>
public sealed record ProgrammeWindow(string Label, DateTime From, DateTime To, EffectEstimate Orders, EffectEstimate Revenue, EffectEstimate Margin, double DiscountCost);
