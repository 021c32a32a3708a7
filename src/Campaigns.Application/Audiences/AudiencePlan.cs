using Campaigns.Analytics.Targeting;
using Campaigns.Application.Models;

namespace Campaigns.Application.Audiences;

/// <summary>A built audience before it is saved: who is in it, what the model expects, and how it compares with the eligible pool.</summary>
public sealed record AudiencePlan(AudienceRequest Request, ModelInfo? Model, int Eligible, Allocation? Allocation,
    IReadOnlyList<Guid> Targeted, IReadOnlyList<double> TargetedUplift, IReadOnlyList<double> TargetedProfit,
    IReadOnlyList<Guid> RandomCell, IReadOnlyList<AttributeProfile> Profile, TimeSpan Elapsed, TimeSpan Scoring)
{
    /// <summary>Customers the rules chose who are in the global holdout, left out before scoring; not counted as eligible.</summary>
    public int HeldOut { get; init; }
}
