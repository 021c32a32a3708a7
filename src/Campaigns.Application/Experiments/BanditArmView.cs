namespace Campaigns.Application.Experiments;

/// <summary>One copy arm of a bandit: its share of all traffic now, its latest chance of being best and expected loss (null before the first re-weighting), and its share over time.</summary>
public sealed record BanditArmView(string Name, double Share, double? ProbabilityBest, double? ExpectedLoss, long Units, long Converters,
    IReadOnlyList<(DateTime At, double Share)> History);
