using System.ComponentModel.DataAnnotations;

namespace Campaigns.Application.Targeting;

/// <summary>The store's shipping terms, which price a free-shipping offer, and how targeting values what it keeps.</summary>
public sealed class TargetingOptions
{
    public const string Section = "Targeting";
    [Range(0, 1000)] public decimal ShippingFee { get; set; } = 4.95m;
    /// <summary>Orders from this value ship free anyway, so a free-shipping offer costs nothing on them.</summary>
    [Range(0, 100000)] public decimal FreeShippingFrom { get; set; } = 60m;
    /// <summary>Customers scored per model call: large enough to amortize the call, small enough to stream.</summary>
    [Range(1000, 1_000_000)] public int ScoringBatch { get; set; } = 50_000;
    /// <summary>
    /// Share of an at-risk customer's next-year margin a purchase the promotion causes keeps, when an audience weighs retention
    /// value (<see cref="StoreEconomics.RetentionValue"/>). A quarter: one purchase renews a lapsing customer's habit only in part.
    /// </summary>
    [Range(0, 1)] public double RetentionCredit { get; set; } = 0.25;
}
