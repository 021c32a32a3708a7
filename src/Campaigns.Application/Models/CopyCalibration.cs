namespace Campaigns.Application.Models;

/// <summary>One chosen copy line that ran: the ranker's prediction against its observed click-through (Wilson 95% interval).</summary>
public sealed record CopyCalibration(string Headline, long Impressions, double Predicted, double Observed, double Low, double High);
