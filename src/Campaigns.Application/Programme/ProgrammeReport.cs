namespace Campaigns.Application.Programme;

/// <summary>The whole promotion programme against the global holdout, since the holdout started.</summary>
/// <param name="Since">When the first holdout period started.</param>
/// <param name="AsOf">The moment the report counts up to.</param>
/// <param name="PrePeriodDays">Days before <paramref name="Since"/> whose orders are each customer's CUPED covariate.</param>
/// <param name="Months">Calendar months, first to last (the first and last may be partial).</param>
/// <param name="Cumulative">Since the holdout started.</param>
/// <param name="ByChannel">Each channel's incremental effect on the customers its campaigns targeted, and the orders naming them (<see cref="ChannelFigures"/>).</param>
public sealed record ProgrammeReport(DateTime Since, DateTime AsOf, int PrePeriodDays, IReadOnlyList<ProgrammeWindow> Months, ProgrammeWindow Cumulative,
    IReadOnlyList<ChannelFigures> ByChannel);
