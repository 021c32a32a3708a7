namespace Campaigns.Application.Models;

/// <summary>Calibration of one targeted campaign: coverage of its deciles' intervals and the mean gap.</summary>
public sealed record CampaignCalibration(Guid ExperimentId, string Campaign, int Deciles, double Coverage, double MeanAbsoluteGap);
