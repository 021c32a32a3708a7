using Campaigns.Analytics.Offers;

namespace Campaigns.Ml.Offers;

/// <summary>
/// Policy values per customer (IPS and DR, 95% intervals) from out-of-fold predictions on the randomized rows: the
/// plan, each single offer for everyone (index = arm; 0 = nothing), a random offer per customer, and the plan's
/// incremental profit over sending nothing (paired). PlanCustomers: how many rows the plan gives each arm. Projected:
/// what the same predictions expected the plan to earn over sending nothing per customer on those rows, to read
/// <see cref="PlanOverNothing"/> against (null in versions stored before it was kept).
/// </summary>
public sealed record OfferEvaluation(int Rows, PolicyEstimate Plan, PolicyEstimate PlanOverNothing, IReadOnlyList<PolicyEstimate> SingleArms,
    PolicyEstimate RandomOffer, IReadOnlyList<int> PlanCustomers, IReadOnlyList<OfferCostPoint> CostCurve, double? Projected = null)
{
    public PolicyEstimate Nothing => SingleArms[0];

    /// <summary>The treatment arm whose everyone-gets-it DR value is highest.</summary>
    public int BestSingleOffer => Enumerable.Range(1, SingleArms.Count - 1).MaxBy(k => SingleArms[k].Dr.Value);
}
