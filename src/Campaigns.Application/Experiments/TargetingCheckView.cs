namespace Campaigns.Application.Experiments;

/// <summary>How the targeting model does in a live experiment: the campaign's lift, the model's lift over random targeting, and calibration by decile.</summary>
public sealed record TargetingCheckView(int AudienceSize, CellLift? Targeted, CellLift? Random, double? ModelLift, double? ModelLiftLow, double? ModelLiftHigh,
    IReadOnlyList<DecileLift> Deciles);
