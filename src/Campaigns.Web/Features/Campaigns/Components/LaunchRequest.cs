using Campaigns.Domain.Experiments;

namespace Campaigns.Web.Features.Campaigns.Components;

/// <summary>What a Manager launches with: the holdout in percent and how the copy arms share the rest.</summary>
public sealed record LaunchRequest(int HoldoutPercent, TrafficAllocation Traffic);
