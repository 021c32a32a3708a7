namespace Campaigns.Application.Experiments;

/// <summary>
/// A Thompson-sampled experiment's allocation: when it started and stopped exploring, the holdout's fixed share, the
/// last re-weighting and each copy arm's share now, its latest reading and its share at every re-weighting.
/// </summary>
public sealed record BanditView(DateTime? StartedAt, DateTime? StoppedAt, double HoldoutShare, DateTime? LastReweightedAt, IReadOnlyList<BanditArmView> Arms);
