namespace Campaigns.Analytics.Targeting;

/// <summary>
/// A customer who could get the promotion: predicted effect on P(buy), P(buy | treated), P(buy | control), what a purchase
/// the promotion causes is worth (the margin of an order, plus any retention value the audience weighs), and the
/// promotion's expected cost on that customer's order (discount given away if they buy).
/// </summary>
public readonly record struct Prospect(int Index, double Uplift, double PTreated, double PControl, double Margin, double CostIfBuys)
{
    /// <summary>Margin of the purchases the promotion causes, minus the discount paid on every treated purchase.</summary>
    public double ExpectedIncrementalProfit => Uplift * Margin - PTreated * CostIfBuys;

    public double ExpectedCost => PTreated * CostIfBuys;
}

/// <summary>How the audience is chosen; prospects with negative predicted uplift are left out in every mode.</summary>
public enum SelectionMode
{
    /// <summary>Everyone not put off.</summary>
    All,
    /// <summary>The most profitable <see cref="AllocationRequest.TopPercent"/> percent of all prospects.</summary>
    TopPercent,
    /// <summary>Prospects whose predicted uplift is above <see cref="AllocationRequest.UpliftThreshold"/>.</summary>
    UpliftAbove,
    /// <summary>The most profitable prospects while their expected cost fits <see cref="AllocationRequest.Budget"/> and each adds profit.</summary>
    Budget,
}

/// <summary>A selection mode and the one parameter it needs.</summary>
public sealed record AllocationRequest(SelectionMode Mode, double? TopPercent = null, double? UpliftThreshold = null, double? Budget = null);

/// <summary>
/// Selected: indexes of chosen prospects in rank order (most profitable first). PutOff: prospects with negative predicted
/// uplift, excluded whatever the mode; Eligible: the others. Curve: cumulative expected profit (with 95% interval) by audience
/// size along the order in which the mode grows the audience, ~100 points including <see cref="ChosenSize"/>. Totals with
/// 95% intervals: incremental conversions, incremental profit; and the expected cost of the discounts.
/// </summary>
public sealed record Allocation(IReadOnlyList<int> Selected, int PutOff, int Eligible,
    double IncrementalConversions, double IncrementalConversionsLow, double IncrementalConversionsHigh,
    double Profit, double ProfitLow, double ProfitHigh, double ExpectedCost,
    IReadOnlyList<ProfitPoint> Curve, int ChosenSize);

/// <summary>Expected incremental profit of the first <c>Size</c> prospects, with its 95% interval.</summary>
public readonly record struct ProfitPoint(int Size, double Profit, double Low, double High);
