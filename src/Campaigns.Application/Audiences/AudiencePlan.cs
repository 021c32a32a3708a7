using Campaigns.Analytics.Targeting;
using Campaigns.Application.ContactRules;
using Campaigns.Application.Models;

namespace Campaigns.Application.Audiences;

/// <summary>
/// A built audience before it is saved: who is in it, what the model expects, how it compares with the eligible pool,
/// and whom the contact rules left out.
/// </summary>
public sealed record AudiencePlan(AudienceRequest Request, ModelInfo? Model, int Eligible, Allocation? Allocation,
    IReadOnlyList<Guid> Targeted, IReadOnlyList<double> TargetedUplift, IReadOnlyList<double> TargetedProfit,
    IReadOnlyList<Guid> RandomCell, IReadOnlyList<AttributeProfile> Profile, TimeSpan Elapsed, TimeSpan Scoring, ContactScreen Contact)
{
    /// <summary>The part of the targeted customers' expected incremental profit that is retention value (0 unless the request weighs it).</summary>
    public double RetentionProfit { get; init; }

    /// <summary>Eligible customers with predictions, the only ones retention value can be counted for.</summary>
    public int WithPredictions { get; init; }

    /// <summary>Customers the rules chose who are in the global holdout, left out before scoring; not counted as eligible.</summary>
    public int HeldOut { get; init; }
}
