namespace Campaigns.Analytics;

/// <summary>
/// A re-weighting of a bandit's arms: each arm's reading, its share of the treated traffic (the shares add up to 1),
/// the leading arm and whether exploration has stopped (the leader then takes every share).
/// </summary>
public sealed record BanditAllocation(IReadOnlyList<BanditArm> Arms, IReadOnlyList<double> Shares, int Leader, bool Stopped);
