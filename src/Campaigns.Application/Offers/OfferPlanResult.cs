using Campaigns.Analytics.Offers;
using Campaigns.Application.Models;

namespace Campaigns.Application.Offers;

/// <summary>
/// A built offer plan: which offer each planned customer gets (<see cref="Plan"/>, customers in <see cref="CustomerIds"/>
/// order), and what it is measured against: each offer given to everyone (<see cref="Everyone"/>) and each offer alone
/// targeted within the same budget (<see cref="SingleOffer"/>, today's one-offer targeting), all by offer position;
/// <see cref="PerOffer"/>: what the plan's customers of each offer are expected to earn and cost.
/// </summary>
public sealed record OfferPlanResult(OfferPlanRequest Request, ModelInfo Model, IReadOnlyList<CandidateOffer> Offers, OfferPlan Plan,
    IReadOnlyList<PlanValue> PerOffer, IReadOnlyList<PlanValue> Everyone, IReadOnlyList<PlanValue> SingleOffer, IReadOnlyList<Guid> CustomerIds,
    IReadOnlyList<double> ChosenProfit, TimeSpan Elapsed)
{
    /// <summary>The customers planned: those the rules chose, less the global holdout and those the contact rules cap.</summary>
    public int Eligible => CustomerIds.Count;

    /// <summary>Customers the rules chose who are in the global holdout, left out before pricing.</summary>
    public int HeldOut { get; init; }

    /// <summary>Customers left out because contact rules cap them (planned in other campaigns that keep them).</summary>
    public int ContactCapped { get; init; }

    /// <summary>Customers planned in less profitable campaigns who come to this one.</summary>
    public int ContactTaken { get; init; }

    /// <summary>The plan by discount habit (<see cref="OfferSegment.ByHabit"/>): what a marketer sending one offer per group would send.</summary>
    public IReadOnlyList<OfferSegment> Segments { get; init; } = [];

    /// <summary>The part of the plan's expected incremental profit that is retention value (0 unless the request weighs it).</summary>
    public double RetentionProfit { get; init; }

    /// <summary>
    /// By offer position, the share of what its terms give that the offer is priced to give away, learned from the store's
    /// orders under past offers of its type (<see cref="Targeting.StoreEconomics.TakeUp"/>; 1: priced on its terms).
    /// </summary>
    public IReadOnlyList<double> TakeUp { get; init; } = [];

    /// <summary>Eligible customers with predictions, the only ones retention value can be counted for.</summary>
    public int WithPredictions { get; init; }

    /// <summary>The offer that earns most when targeted alone within the budget.</summary>
    public int BestSingleOffer => Best(SingleOffer);

    private static int Best(IReadOnlyList<PlanValue> values) =>
        Enumerable.Range(0, values.Count).MaxBy(i => values[i].Profit);
}
