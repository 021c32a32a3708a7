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
    IReadOnlyList<Guid> RandomCell, IReadOnlyList<AttributeProfile> Profile, TimeSpan Elapsed, TimeSpan Scoring, ContactScreen Contact);
